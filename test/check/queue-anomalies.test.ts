import { describe, expect, it } from "vitest";
import { queueAnomalies, queueAnomalyKinds, type QueueAnomaly, type QueueAnomalyKind } from "../../src/check/queue-anomalies.ts";
import type { QueueHistory, QueueOp } from "../../src/check/queue-history.ts";

// ---- history builders ------------------------------------------------------------------------

/** An operation without its index; `history` numbers them by position. */
type Op = QueueOp extends infer T ? (T extends QueueOp ? Omit<T, "index"> : never) : never;

/** An acknowledged send of `value` that landed at `offset` (override with `opts`). */
function send(process: string, partition: number, value: string, offset: number | null, opts: { acked?: boolean } = {}): Op {
  return { type: "send", process, partition, value, offset, acked: opts.acked ?? true };
}

/** A poll returning `records`, given as [offset, value] pairs. */
function poll(process: string, partition: number, ...records: [number, string][]): Op {
  return { type: "poll", process, partition, records: records.map(([offset, value]) => ({ offset, value })) };
}

function rebalance(process: string): Op {
  return { type: "rebalance", process };
}

/** A final log per partition: values at offsets 0, 1, ...; null leaves an offset empty. */
type Logs = Record<number, (string | null)[]>;

function history(logs: Logs, ...ops: Op[]): QueueHistory {
  const finalLog = new Map<number, Map<number, string>>();
  for (const [partition, values] of Object.entries(logs)) {
    const log = new Map<number, string>();
    values.forEach((value, offset) => value !== null && log.set(offset, value));
    finalLog.set(Number(partition), log);
  }
  return { topic: "out", ops: ops.map((op, index) => ({ ...op, index }) as QueueOp), finalLog };
}

function kinds(anomalies: readonly QueueAnomaly[]): QueueAnomalyKind[] {
  return anomalies.map((a) => a.kind);
}

function ofKind(h: QueueHistory, kind: QueueAnomalyKind): QueueAnomaly[] {
  return queueAnomalies(h).filter((a) => a.kind === kind);
}

/** Producer-0 sends a, b, c to partition 0, landing at 0, 1, 2. */
const sendsABC = [send("producer-0", 0, "a", 0), send("producer-0", 0, "b", 1), send("producer-0", 0, "c", 2)];

// ---- tests -----------------------------------------------------------------------------------

describe("queue anomalies", () => {
  it("exports the seven Jepsen kinds", () => {
    expect(queueAnomalyKinds).toEqual([
      "duplicate",
      "lost-write",
      "unseen",
      "poll-skip",
      "nonmonotonic-poll",
      "inconsistent-offsets",
      "nonmonotonic-send",
    ]);
  });

  it("a clean realistic history, with a redelivery after a rebalance, has no anomalies", () => {
    const h = history(
      { 0: ["a", "b", "c", "d", "x"], 1: ["p", "q", null, "r"] },
      send("producer-0", 0, "a", 0),
      send("producer-0", 1, "p", 0),
      send("producer-0", 0, "b", 1),
      poll("instance-1", 0, [0, "a"], [1, "b"]),
      send("producer-0", 0, "c", null, { acked: false }), // timed out before it was appended
      send("producer-0", 0, "c", 2), // the retry
      send("producer-1", 1, "q", 1),
      poll("instance-1", 0, [2, "c"]),
      poll("instance-2", 1, [0, "p"], [1, "q"]),
      rebalance("instance-1"),
      poll("instance-1", 0, [1, "b"], [2, "c"]), // restarts from the last commit: backwards, allowed
      send("producer-0", 0, "d", 3),
      send("producer-0", 0, "d", 3), // idempotent retry acknowledged again at the same offset
      send("producer-1", 0, "x", 4, { acked: false }), // landed, but the sender never heard
      send("producer-1", 1, "r", 3), // offset 2 of partition 1 was compacted away
      poll("instance-1", 0, [3, "d"], [4, "x"]),
      poll("instance-2", 1, [3, "r"]), // no gap: offset 2 is not in the final log
    );
    expect(queueAnomalies(h)).toEqual([]);
  });

  describe("duplicate", () => {
    it("one value at two offsets is a duplicate at the extra copy", () => {
      const h = history(
        { 0: ["a", "b", "a"] },
        send("producer-0", 0, "a", 0),
        send("producer-0", 0, "b", 1),
        send("producer-0", 0, "a", 2), // a retry that was appended again
        poll("instance-1", 0, [0, "a"], [1, "b"], [2, "a"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["duplicate"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 2, step: 2 });
      expect(anomalies[0].detail).toContain('"a"');
      expect(anomalies[0].detail).toContain("offsets 0, 2");
      expect(anomalies[0].detail).toContain("producer-0");
    });

    it("a retry deduplicated to the same offset is no duplicate", () => {
      const h = history(
        { 0: ["a", "b"] },
        send("producer-0", 0, "a", 0, { acked: false }),
        send("producer-0", 0, "a", 0),
        send("producer-0", 0, "b", 1),
        poll("instance-1", 0, [0, "a"], [1, "b"]),
      );
      expect(ofKind(h, "duplicate")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });

  describe("lost-write", () => {
    it("an acknowledged send below a polled offset that nobody read is a lost write", () => {
      const h = history(
        { 0: ["a", null, "c"] },
        ...sendsABC,
        poll("instance-1", 0, [0, "a"]),
        poll("instance-1", 0, [2, "c"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["lost-write"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 1, step: 1 });
      expect(anomalies[0].detail).toContain('"b"');
      expect(anomalies[0].detail).toContain("producer-0");
      expect(anomalies[0].detail).toContain("absent from the final log");
    });

    it("is a lost write even when the record is still in the final log, and then not unseen", () => {
      const h = history(
        { 0: ["a", "b", "c"] },
        ...sendsABC,
        poll("instance-1", 0, [0, "a"]),
        rebalance("instance-1"),
        poll("instance-1", 0, [2, "c"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["lost-write"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 1 });
      expect(anomalies[0].detail).toContain("still in the final log");
    });

    it("an unacknowledged send that never landed is not a lost write", () => {
      const h = history(
        { 0: ["a", "c"] },
        send("producer-0", 0, "a", 0),
        send("producer-0", 0, "b", null, { acked: false }),
        send("producer-0", 0, "c", 1),
        poll("instance-1", 0, [0, "a"]),
        poll("instance-1", 0, [1, "c"]),
      );
      expect(ofKind(h, "lost-write")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });

  describe("unseen", () => {
    it("an acknowledged send at or above the highest polled offset that nobody read is unseen", () => {
      const h = history({ 0: ["a", "b"] }, sendsABC[0], sendsABC[1], poll("instance-1", 0, [0, "a"]));
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["unseen"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 1, step: 1 });
      expect(anomalies[0].detail).toContain('"b"');
      expect(anomalies[0].detail).toContain("producer-0");
    });

    it("an acknowledged send that was never appended is unseen, without an offset", () => {
      const h = history({ 0: ["a"] }, sendsABC[0], send("producer-0", 0, "b", null), poll("instance-1", 0, [0, "a"]));
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["unseen"]);
      expect(anomalies[0].partition).toBe(0);
      expect(anomalies[0].offset).toBeUndefined();
      expect(anomalies[0].detail).toContain("never appended");
    });

    it("once the drain reads it, it is not unseen", () => {
      const h = history(
        { 0: ["a", "b"] },
        sendsABC[0],
        sendsABC[1],
        poll("instance-1", 0, [0, "a"]),
        poll("instance-1", 0, [1, "b"]),
      );
      expect(ofKind(h, "unseen")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });

  describe("poll-skip", () => {
    const sends = [...sendsABC, send("producer-0", 0, "d", 3)];
    const everything = poll("instance-2", 0, [0, "a"], [1, "b"], [2, "c"], [3, "d"]);

    it("successive polls of one process jumping over a final-log offset are a poll skip", () => {
      const h = history(
        { 0: ["a", "b", "c", "d"] },
        ...sends,
        everything,
        poll("instance-1", 0, [0, "a"], [1, "b"]),
        poll("instance-1", 0, [3, "d"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["poll-skip"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 2, step: 6 });
      expect(anomalies[0].detail).toContain("instance-1");
      expect(anomalies[0].detail).toContain('"d"');
      expect(anomalies[0].detail).toContain('offset 2 ("c")');
    });

    it("a jump after a rebalance of that process is no poll skip", () => {
      const h = history(
        { 0: ["a", "b", "c", "d"] },
        ...sends,
        everything,
        poll("instance-1", 0, [0, "a"], [1, "b"]),
        rebalance("instance-1"),
        poll("instance-1", 0, [3, "d"]),
      );
      expect(ofKind(h, "poll-skip")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });

    it("a jump over an offset missing from the final log (compacted) is no poll skip", () => {
      const h = history(
        { 0: ["a", "b", null, "d"] },
        ...sends,
        poll("instance-2", 0, [0, "a"], [1, "b"], [2, "c"]),
        poll("instance-1", 0, [0, "a"], [1, "b"]),
        poll("instance-1", 0, [3, "d"]),
      );
      expect(ofKind(h, "poll-skip")).toEqual([]);
    });
  });

  describe("nonmonotonic-poll", () => {
    it("a process's next poll starting at or before its last read offset is nonmonotonic", () => {
      const h = history(
        { 0: ["a", "b", "c"] },
        ...sendsABC,
        poll("instance-1", 0, [0, "a"], [1, "b"]),
        poll("instance-1", 0, [1, "b"], [2, "c"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["nonmonotonic-poll"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 1, step: 4 });
      expect(anomalies[0].detail).toContain("instance-1");
      expect(anomalies[0].detail).toContain('"b"');
    });

    it("going back after a rebalance of that process is not nonmonotonic", () => {
      const h = history(
        { 0: ["a", "b", "c"] },
        ...sendsABC,
        poll("instance-1", 0, [0, "a"], [1, "b"]),
        rebalance("instance-1"),
        poll("instance-1", 0, [1, "b"], [2, "c"]),
      );
      expect(ofKind(h, "nonmonotonic-poll")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });

  describe("inconsistent-offsets", () => {
    it("one offset read with a value other than the final log's is inconsistent", () => {
      const h = history(
        { 0: ["a", "b"] },
        sendsABC[0],
        sendsABC[1],
        poll("instance-2", 0, [0, "a"], [1, "b"]),
        poll("instance-1", 0, [0, "a"], [1, "x"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["inconsistent-offsets"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 1, step: 3 });
      expect(anomalies[0].detail).toContain('"b"');
      expect(anomalies[0].detail).toContain('"x"');
      expect(anomalies[0].detail).toContain("instance-1");
    });

    it("the same offsets read with the same values are consistent", () => {
      const h = history(
        { 0: ["a", "b"] },
        sendsABC[0],
        sendsABC[1],
        poll("instance-2", 0, [0, "a"], [1, "b"]),
        poll("instance-1", 0, [0, "a"], [1, "b"]),
      );
      expect(ofKind(h, "inconsistent-offsets")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });

  describe("nonmonotonic-send", () => {
    it("a process's later acknowledged send landing below its earlier one is nonmonotonic", () => {
      const h = history(
        { 0: ["b", "a"] },
        send("producer-0", 0, "a", 1),
        send("producer-0", 0, "b", 0),
        poll("instance-1", 0, [0, "b"], [1, "a"]),
      );
      const anomalies = queueAnomalies(h);
      expect(kinds(anomalies)).toEqual(["nonmonotonic-send"]);
      expect(anomalies[0]).toMatchObject({ partition: 0, offset: 0, step: 1 });
      expect(anomalies[0].detail).toContain("producer-0");
      expect(anomalies[0].detail).toContain('"b"');
    });

    it("the same sends by two different processes are not nonmonotonic", () => {
      const h = history(
        { 0: ["b", "a"] },
        send("producer-0", 0, "a", 1),
        send("producer-1", 0, "b", 0),
        poll("instance-1", 0, [0, "b"], [1, "a"]),
      );
      expect(ofKind(h, "nonmonotonic-send")).toEqual([]);
      expect(queueAnomalies(h)).toEqual([]);
    });
  });
});
