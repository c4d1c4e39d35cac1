import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../src/broker/log-record.ts";
import { PartitionLog } from "../../src/broker/partition-log.ts";
import { HarnessError } from "../../src/core/invariant.ts";

function logOf(keys: string[], ts = 0): PartitionLog<string> {
  const log = new PartitionLog<string>();
  for (const key of keys) log.appendBatch([{ key, value: `v-${key}` }], ts);
  return log;
}

const offsets = (records: readonly LogRecord<unknown>[]) => records.map((r) => r.offset);

describe("PartitionLog", () => {
  it("starts empty", () => {
    const log = new PartitionLog<string>();
    expect(log.endOffset).toBe(0);
    expect(log.logStartOffset).toBe(0);
    expect(log.fetch(0, 10)).toEqual([]);
    expect(log.fetch(0, 1)[0]).toBeUndefined();
  });

  it("assigns dense offsets across batches", () => {
    const log = new PartitionLog<string>();
    expect(log.appendBatch([{ key: "a", value: "1" }, { key: "b", value: "2" }], 5)).toBe(0);
    expect(log.appendBatch([{ key: "c", value: "3" }], 6)).toBe(2);
    expect(log.appendBatch([{ key: "d", value: null }, { key: "e", value: "5" }, { key: "f", value: "6" }], 7)).toBe(3);
    expect(log.endOffset).toBe(6);
    expect(offsets(log.snapshot())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.snapshot()[3]).toEqual({ offset: 3, key: "d", value: null, timestampTicks: 7, batch: 2 });
  });

  it("gives every record of one batch the same batch number, and new batches new numbers", () => {
    const log = new PartitionLog<string>();
    log.appendBatch([{ key: "a", value: "1" }, { key: "b", value: "2" }], 0);
    log.appendBatch([{ key: "c", value: "3" }, { key: "d", value: "4" }], 0);
    const [r0, r1, r2, r3] = log.snapshot();
    expect(r0.batch).toBe(r1.batch);
    expect(r2.batch).toBe(r3.batch);
    expect(r0.batch).not.toBe(r2.batch);
  });

  it("an empty batch appends nothing and returns the end offset", () => {
    const log = logOf(["a"]);
    expect(log.appendBatch([], 0)).toBe(1);
    expect(log.endOffset).toBe(1);
    expect(log.snapshot()).toHaveLength(1);
  });

  it("fetch returns records at or after `from`, in order, at most `max`", () => {
    const log = logOf(["a", "b", "c", "d", "e"]);
    expect(offsets(log.fetch(1, 2))).toEqual([1, 2]);
    expect(offsets(log.fetch(3, 10))).toEqual([3, 4]);
    expect(log.fetch(5, 10)).toEqual([]);
    expect(log.fetch(0, 0)).toEqual([]);
  });

  it("fetch skips gaps, for a whole range and for the first record at or after an offset", () => {
    const log = logOf(["a", "b", "c", "d", "e", "f"]);
    log.replaceRecords(log.snapshot().filter((r) => r.offset !== 1 && r.offset !== 2 && r.offset !== 4));
    expect(offsets(log.fetch(1, 10))).toEqual([3, 5]);
    expect(offsets(log.fetch(0, 2))).toEqual([0, 3]);
    expect(log.fetch(1, 1)[0]?.offset).toBe(3);
    expect(log.fetch(3, 1)[0]?.offset).toBe(3);
    expect(log.fetch(4, 1)[0]?.offset).toBe(5);
    expect(log.fetch(6, 1)[0]).toBeUndefined();
    // the end offset does not move back when records go
    expect(log.endOffset).toBe(6);
  });

  it("fetch(from, 1) finds the first record at or after `from` on a gappy log for every offset", () => {
    const log = logOf(Array.from({ length: 40 }, (_, i) => `k${i}`));
    const keep = new Set([0, 3, 4, 9, 17, 18, 30, 39]);
    log.replaceRecords(log.snapshot().filter((r) => keep.has(r.offset)));
    const sorted = [...keep].sort((a, b) => a - b);
    for (let from = 0; from <= 41; from++) {
      expect(log.fetch(from, 1)[0]?.offset).toBe(sorted.find((o) => o >= from));
    }
  });

  it("truncateStart drops records below the offset and moves the log start", () => {
    const log = logOf(["a", "b", "c", "d"]);
    log.truncateStart(2);
    expect(log.logStartOffset).toBe(2);
    expect(offsets(log.snapshot())).toEqual([2, 3]);
    expect(offsets(log.fetch(0, 10))).toEqual([2, 3]);
    expect(log.fetch(3, 1)[0]?.offset).toBe(3);
    expect(log.endOffset).toBe(4);
    expect(log.appendBatch([{ key: "e", value: "5" }], 0)).toBe(4);
  });

  it("truncateStart never moves back and is bounded by the end", () => {
    const log = logOf(["a", "b", "c"]);
    log.truncateStart(2);
    log.truncateStart(1);
    expect(log.logStartOffset).toBe(2);
    expect(offsets(log.snapshot())).toEqual([2]);
    log.truncateStart(100);
    expect(log.logStartOffset).toBe(3);
    expect(log.snapshot()).toEqual([]);
  });

  it("truncateStart on a gappy log keeps the records at or above the offset", () => {
    const log = logOf(["a", "b", "c", "d", "e"]);
    log.replaceRecords(log.snapshot().filter((r) => r.offset !== 2));
    log.truncateStart(2);
    expect(offsets(log.snapshot())).toEqual([3, 4]);
  });

  it("clone is independent of the original", () => {
    const log = logOf(["a", "b"]);
    const copy = log.clone();
    copy.appendBatch([{ key: "c", value: "3" }], 0);
    copy.truncateStart(1);
    expect(log.endOffset).toBe(2);
    expect(offsets(log.snapshot())).toEqual([0, 1]);
    expect(log.logStartOffset).toBe(0);
    expect(copy.endOffset).toBe(3);
    expect(offsets(copy.snapshot())).toEqual([1, 2]);

    log.appendBatch([{ key: "x", value: "x" }], 0);
    expect(copy.snapshot().map((r) => r.key)).toEqual(["b", "c"]);
  });

  it("clone keeps end, start and batch numbering", () => {
    const log = logOf(["a", "b", "c"]);
    log.truncateStart(1);
    const copy = log.clone();
    expect(copy.endOffset).toBe(3);
    expect(copy.logStartOffset).toBe(1);
    copy.appendBatch([{ key: "d", value: "d" }], 0);
    log.appendBatch([{ key: "d", value: "d" }], 0);
    expect(copy.snapshot().at(-1)).toEqual(log.snapshot().at(-1));
  });

  it("clone copies the tombstone cleaning times independently", () => {
    const log = logOf(["a", "b"]);
    log.tombstoneCleanedAt.set(0, 4);
    const copy = log.clone();
    expect(copy.tombstoneCleanedAt.get(0)).toBe(4);
    copy.tombstoneCleanedAt.set(1, 9);
    copy.tombstoneCleanedAt.delete(0);
    expect([...log.tombstoneCleanedAt]).toEqual([[0, 4]]);
  });

  it("replaceRecords accepts an increasing subset", () => {
    const log = logOf(["a", "b", "c"]);
    const subset = [log.snapshot()[0], log.snapshot()[2]];
    log.replaceRecords(subset);
    expect(offsets(log.snapshot())).toEqual([0, 2]);
    log.replaceRecords([]);
    expect(log.snapshot()).toEqual([]);
  });

  it("replaceRecords rejects reordering with a HarnessError", () => {
    const log = logOf(["a", "b", "c"]);
    const [r0, r1, r2] = log.snapshot();
    expect(() => log.replaceRecords([r0, r2, r1])).toThrow(HarnessError);
    expect(() => log.replaceRecords([r1, r1])).toThrow(HarnessError);
    // the log is unchanged after a rejected replacement
    expect(offsets(log.snapshot())).toEqual([0, 1, 2]);
  });

  it("replaceRecords rejects offsets at or past the end with a HarnessError", () => {
    const log = logOf(["a", "b"]);
    const invented: LogRecord<string> = { offset: 2, key: "x", value: "x", timestampTicks: 0, batch: 9 };
    expect(() => log.replaceRecords([log.snapshot()[0], invented])).toThrow(HarnessError);
  });

  it("snapshot is a copy: changing it does not change the log; size counts the records held", () => {
    const log = logOf(["a", "b", "c"]);
    const snap = log.snapshot();
    snap.pop();
    snap.push({ offset: 9, key: "x", value: "x", timestampTicks: 0, batch: 9 });
    expect(offsets(log.snapshot())).toEqual([0, 1, 2]);
    expect(log.size).toBe(3);
    log.truncateStart(1);
    expect(log.size).toBe(2);
    log.replaceRecords(log.snapshot().filter((r) => r.offset !== 1));
    expect(log.size).toBe(1);
  });

  it("a log that keeps an archive keeps every record ever appended, through truncation and compaction", () => {
    const log = new PartitionLog<string>(true);
    log.appendBatch([{ key: "a", value: "1" }, { key: "b", value: "2" }], 0);
    log.appendBatch([{ key: "c", value: "3" }], 1);
    log.replaceRecords(log.snapshot().filter((r) => r.offset !== 1));
    log.truncateStart(2);
    expect(offsets(log.snapshot())).toEqual([2]);
    const archive = log.archiveSnapshot();
    expect(archive.map((r) => [r.offset, r.key])).toEqual([[0, "a"], [1, "b"], [2, "c"]]);
    // a copy too
    archive.length = 0;
    expect(log.archiveSnapshot()).toHaveLength(3);
  });

  it("a log without an archive has an empty one, and a clone does not copy the archive", () => {
    expect(logOf(["a", "b"]).archiveSnapshot()).toEqual([]);
    const log = new PartitionLog<string>(true);
    log.appendBatch([{ key: "a", value: "1" }], 0);
    expect(log.clone().archiveSnapshot()).toEqual([]);
    expect(log.archiveSnapshot()).toHaveLength(1);
  });
});
