import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CompactionConfig, compactLog } from "../../src/broker/compaction.ts";
import type { LogRecord } from "../../src/broker/log-record.ts";
import { PartitionLog } from "../../src/broker/partition-log.ts";

type Append = { key: string; value: number | null; gap: number };

/** Build a log: each append is its own batch, time moves forward by `gap`. */
function build(appends: readonly Append[]): PartitionLog<number> {
  const log = new PartitionLog<number>();
  let t = 0;
  for (const a of appends) {
    t += a.gap;
    log.appendBatch([{ key: a.key, value: a.value }], t);
  }
  return log;
}

function replay(records: readonly LogRecord<number>[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of records) {
    if (r.value === null) map.delete(r.key);
    else map.set(r.key, r.value);
  }
  return map;
}

function activeStartOf(end: number, segmentRecords: number): number {
  return end === 0 ? 0 : Math.floor((end - 1) / segmentRecords) * segmentRecords;
}

const appendArb: fc.Arbitrary<Append> = fc.record({
  key: fc.constantFrom("a", "b", "c", "d", "e"),
  value: fc.option(fc.integer({ min: 0, max: 99 }), { nil: null, freq: 4 }),
  gap: fc.integer({ min: 0, max: 3 }),
});

const caseArb: fc.Arbitrary<Case> = fc.record({
  appends: fc.array(appendArb, { maxLength: 60 }),
  segmentRecords: fc.integer({ min: 1, max: 12 }),
  deleteRetentionTicks: fc.integer({ min: 0, max: 40 }),
  extraTicks: fc.integer({ min: 0, max: 60 }),
});

type Case = { appends: Append[]; segmentRecords: number; deleteRetentionTicks: number; extraTicks: number };

function run(c: Case) {
  const log = build(c.appends);
  const before = log.records.slice();
  const lastTs = before.at(-1)?.timestampTicks ?? 0;
  const now = lastTs + c.extraTicks;
  const config: CompactionConfig = { segmentRecords: c.segmentRecords, deleteRetentionTicks: c.deleteRetentionTicks };
  const removed = compactLog(log, config, now);
  return { log, before, after: log.records, now, config, removed };
}

describe("compactLog (properties)", () => {
  it("keeps offsets strictly increasing, a subset of the original, and reports the removed count", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { before, after, removed, log } = run(c);
        for (let i = 1; i < after.length; i++) expect(after[i - 1].offset).toBeLessThan(after[i].offset);
        const original = new Map(before.map((r) => [r.offset, r]));
        for (const r of after) expect(original.get(r.offset)).toBe(r); // same record object, unchanged
        expect(removed).toBe(before.length - after.length);
        expect(log.endOffset).toBe(c.appends.length);
      }),
    );
  });

  it("never touches the active segment", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { before, after, log, config } = run(c);
        const activeStart = activeStartOf(log.endOffset, config.segmentRecords);
        expect(after.filter((r) => r.offset >= activeStart)).toEqual(before.filter((r) => r.offset >= activeStart));
      }),
    );
  });

  it("keeps the latest head record of each key unless it is an expired tombstone, and drops superseded ones", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { before, after, log, config, now } = run(c);
        const activeStart = activeStartOf(log.endOffset, config.segmentRecords);
        const head = before.filter((r) => r.offset < activeStart);
        const latest = new Map<string, LogRecord<number>>();
        for (const r of head) latest.set(r.key, r);
        const kept = new Set(after.map((r) => r.offset));
        for (const r of head) {
          const isLatest = latest.get(r.key) === r;
          const expired = r.value === null && now - r.timestampTicks >= config.deleteRetentionTicks;
          expect(kept.has(r.offset)).toBe(isLatest && !expired);
        }
      }),
    );
  });

  it("replaying latest value per key gives the same map before and after", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { before, after } = run(c);
        expect(replay(after)).toEqual(replay(before));
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { log, after, config, now } = run(c);
        const once = after.slice();
        expect(compactLog(log, config, now)).toBe(0);
        expect(log.records).toEqual(once);
      }),
    );
  });

  it("compacting a second time later only removes expiring tombstones or newly superseded records", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 50 }), (c, later) => {
        const { log, after, config, now } = run(c);
        const once = after.slice();
        compactLog(log, config, now + later);
        const removed = once.filter((r) => !log.records.includes(r));
        for (const r of removed) expect(r.value).toBeNull();
        expect(replay(log.records)).toEqual(replay(once));
      }),
    );
  });
});

describe("compactLog (examples)", () => {
  const config: CompactionConfig = { segmentRecords: 2, deleteRetentionTicks: 10 };

  function at(entries: Array<[string, number | null, number]>): PartitionLog<number> {
    const log = new PartitionLog<number>();
    for (const [key, value, ts] of entries) log.appendBatch([{ key, value }], ts);
    return log;
  }

  it("an empty log stays empty", () => {
    const log = new PartitionLog<number>();
    expect(compactLog(log, config, 100)).toBe(0);
    expect(log.records).toEqual([]);
  });

  it("keeps the latest value per key and leaves gaps", () => {
    // offsets 0..4, segments [0,1] [2,3] [4] (active)
    const log = at([["a", 1, 0], ["b", 2, 0], ["a", 3, 0], ["b", 4, 0], ["a", 5, 0]]);
    expect(compactLog(log, config, 0)).toBe(2);
    expect(log.records.map((r) => [r.offset, r.key, r.value])).toEqual([[2, "a", 3], [3, "b", 4], [4, "a", 5]]);
  });

  it("a head record superseded only in the active segment survives", () => {
    const log = at([["a", 1, 0], ["b", 2, 0], ["a", 3, 0]]); // active segment starts at 2
    expect(compactLog(log, config, 0)).toBe(0);
    expect(log.records.map((r) => r.offset)).toEqual([0, 1, 2]);
  });

  it("a tombstone younger than the delete retention survives, its key's older values go", () => {
    const log = at([["a", 1, 0], ["a", null, 5], ["b", 1, 5]]);
    compactLog(log, config, 14);
    expect(log.records.map((r) => [r.offset, r.key, r.value])).toEqual([[1, "a", null], [2, "b", 1]]);
  });

  it("a tombstone exactly deleteRetentionTicks old is removed", () => {
    const log = at([["a", 1, 0], ["a", null, 5], ["b", 1, 5]]);
    compactLog(log, config, 15);
    expect(log.records.map((r) => r.offset)).toEqual([2]);
  });

  it("a tombstone in the active segment survives however old", () => {
    const log = at([["a", 1, 0], ["b", 1, 0], ["a", null, 0]]);
    compactLog(log, config, 1000);
    expect(log.records.map((r) => [r.offset, r.key, r.value])).toEqual([[0, "a", 1], [1, "b", 1], [2, "a", null]]);
  });

  it("a tombstone kept once is removed by a later pass after the retention", () => {
    const log = at([["a", 1, 0], ["a", null, 1], ["b", 1, 1]]);
    expect(compactLog(log, config, 5)).toBe(1);
    expect(log.records.map((r) => r.offset)).toEqual([1, 2]);
    expect(compactLog(log, config, 11)).toBe(1);
    expect(log.records.map((r) => r.offset)).toEqual([2]);
  });

  it("with deleteRetentionTicks 0 every head tombstone goes at once", () => {
    const log = at([["a", null, 3], ["b", 1, 3], ["c", 1, 3]]);
    compactLog(log, { segmentRecords: 1, deleteRetentionTicks: 0 }, 3);
    expect(log.records.map((r) => r.offset)).toEqual([1, 2]);
  });
});
