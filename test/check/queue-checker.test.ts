import { describe, expect, it } from "vitest";
import { queueAnomalies } from "../../src/check/queue-anomalies.ts";
import { queueChecker } from "../../src/check/queue-checker.ts";
import type { SendOp } from "../../src/check/queue-history.ts";
import { simulatedQueues } from "../../src/check/simulated-queues.ts";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { History, Op } from "../../src/core/history.ts";
import { slotActor, slotPartition, slotTopic } from "../../src/core/packed-fields.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { check, correctView, filtered, withLog } from "../helpers/views.ts";
import { ledgerConfig } from "../helpers/world.ts";

/** `view` with a history rebuilt from its records, each passed through `edit`. */
function withHistory(view: WorldView, edit: (record: number[]) => number[][]): WorldView {
  const history = new History();
  const data = view.history.data;
  for (let i = 0; i < data.length; i += 4) {
    for (const [op, a, b, c] of edit(data.slice(i, i + 4))) history.record(op, a, b, c);
  }
  return { ...view, history };
}

/** Whether history record `r` is an instance's fetch (a poll) of input `partition` starting at `offset`. */
function isPollOf(r: readonly number[], partition: number, offset: number): boolean {
  return r[0] === Op.fetch && slotTopic(r[1]) === SendTarget.input && slotPartition(r[1]) === partition && r[2] === offset;
}

/**
 * The poll (the broker's record of an input fetch) of input partition 1, offset 1, in the
 * fixed correct run: instance 1 reads offsets 0, 1 and 2 of that partition in a row, one at a
 * time, and offset 1 holds a value found nowhere else.
 */
function laterPoll(view: WorldView): number[] {
  const data = view.history.data;
  const values = view.inputArchive[1].map((r) => r.value!.dedupeId);
  expect(values.filter((v) => v === values[1])).toHaveLength(1);
  for (let i = 0; i < data.length; i += 4) {
    const r = data.slice(i, i + 4);
    if (isPollOf(r, 1, 1)) {
      expect(r[3]).toBe(1); // one record per poll
      return r;
    }
  }
  throw new Error("the fixed run no longer polls input partition 1 at offset 1");
}

describe("queue anomalies on the simulated topics", () => {
  it("a correct run has none, though its input holds an upstream duplicate", () => {
    const view = correctView();
    expect(check(queueChecker, view)).toEqual([]);
    // the duplicate is there in Jepsen's terms; the checker leaves it to the service's dedupe
    expect(queueAnomalies(simulatedQueues(view).input).map((a) => a.kind)).toContain("duplicate");
  });

  it("reads the producers' sends, the lost ACK and the instances' polls from the history", () => {
    const { input, output } = simulatedQueues(correctView());
    const sends = input.ops.filter((op): op is SendOp => op.type === "send");
    const archived = correctView().inputArchive.reduce((n, log) => n + log.length, 0);
    expect(sends).toHaveLength(archived);
    expect(sends.filter((s) => !s.acked)).toHaveLength(1); // the send whose ACK was lost
    const polled = input.ops.filter((op) => op.type === "poll");
    expect(polled.length).toBeGreaterThanOrEqual(archived);
    expect(new Set(polled.map((p) => p.process))).toEqual(new Set(["instance-0", "instance-1"]));
    // the downstream reader reads every output partition once, after the drain
    expect(output.ops.filter((op) => op.type === "poll").map((op) => op.process)).toEqual(["downstream", "downstream"]);
  });

  it("an input the service jumped over is a poll-skip and a lost-write", () => {
    const view = correctView();
    const skipped = laterPoll(view);
    const [partition, offset] = [slotPartition(skipped[1]), skipped[2]];
    // drop every poll of that partition's offset, as if the instance had never read it
    const bad = withHistory(view, (r) => (isPollOf(r, partition, offset) ? [] : [r]));
    const anomalies = check(queueChecker, bad);
    const kinds = anomalies.map((a) => a.kind);
    expect(kinds).toContain("poll-skip");
    expect(kinds).toContain("lost-write");
    expect(anomalies.find((a) => a.kind === "poll-skip")).toMatchObject({ partition, offset });
    expect(anomalies[0].detail).toMatch(/^input topic: /);
  });

  it("re-reading an input without a crash or rebalance is a nonmonotonic-poll", () => {
    const view = correctView();
    const again = laterPoll(view);
    const bad = withHistory(view, (r) => (isPollOf(r, slotPartition(again[1]), again[2]) ? [r, [Op.fetch, r[1], r[2], r[3]]] : [r]));
    expect(check(queueChecker, bad).map((a) => a.kind)).toContain("nonmonotonic-poll");
  });

  it("a crash between two reads resets the position: re-reading is no anomaly", () => {
    const view = correctView();
    const again = laterPoll(view);
    const bad = withHistory(view, (r) =>
      isPollOf(r, slotPartition(again[1]), again[2]) ? [r, [Op.crash, slotActor(r[1]), 0, 0], [Op.fetch, r[1], r[2], r[3]]] : [r],
    );
    expect(check(queueChecker, bad)).toEqual([]);
  });

  it("an acknowledged output missing downstream is reported on the output topic", () => {
    const view = correctView();
    const log = view.output[0];
    const gone = log[0].key;
    const bad = withLog(view, "output", 0, filtered(log, (key) => key !== gone));
    const anomalies = check(queueChecker, bad);
    expect(anomalies.length).toBeGreaterThan(0);
    expect(anomalies.every((a) => a.detail.startsWith("output topic: "))).toBe(true);
    expect(anomalies.map((a) => a.kind)).toContain(log.length > 1 ? "lost-write" : "unseen");
  });

  it("a request lost before the broker does not make the retry that lands look unacknowledged", () => {
    const view = runSchedule(ledgerConfig(), {
      seed: 1,
      faultMix: {},
      intents: [{ k: "produce", producer: 0, key: 0, draw: 1 }, { k: "lost-request", target: 2 }, { k: "step", instance: 0, count: 8 }, { k: "step", instance: 0, count: 8 }],
    });
    expect(view.history.data.some((v, i) => i % 4 === 0 && v === Op.lost)).toBe(true);
    const sends = simulatedQueues(view).output.ops.filter((op): op is SendOp => op.type === "send");
    expect(sends.map((s) => [s.offset, s.acked])).toEqual([[0, true]]);
    // so losing that output afterwards is reported, at its own offset
    const bad = withLog(view, "output", 0, filtered(view.output[0], () => false));
    expect(check(queueChecker, bad).map((a) => [a.kind, a.offset])).toEqual([["unseen", 0]]);
  });

  it("an output missing from the middle of a log is reported at its own offset only", () => {
    const view = correctView();
    const log = view.output[0];
    expect(log.length).toBeGreaterThan(2);
    const gone = log[1];
    const bad = withLog(view, "output", 0, filtered(log, (key) => key !== gone.key));
    expect(check(queueChecker, bad).map((a) => [a.kind, a.offset])).toEqual([["lost-write", gone.offset]]);
  });

  it("does not judge the input topic when the drain did not converge", () => {
    const view = correctView();
    const bad = withHistory(view, (r) => (isPollOf(r, 1, 1) ? [] : [r]));
    expect(check(queueChecker, bad).length).toBeGreaterThan(0);
    expect(check(queueChecker, { ...bad, drain: { ...bad.drain, converged: false } })).toEqual([]);
  });
});
