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
  const before = log.snapshot();
  const lastTs = before.at(-1)?.timestampTicks ?? 0;
  const now = lastTs + c.extraTicks;
  const config: CompactionConfig = { segmentRecords: c.segmentRecords, deleteRetentionTicks: c.deleteRetentionTicks };
  const removed = compactLog(log, config, now);
  return { log, before, after: log.snapshot(), now, config, removed };
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

  it("a first pass keeps exactly the latest head record of each key (tombstones too, unless the retention is 0)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { before, after, log, config } = run(c);
        const activeStart = activeStartOf(log.endOffset, config.segmentRecords);
        const head = before.filter((r) => r.offset < activeStart);
        const latest = new Map<string, LogRecord<number>>();
        for (const r of head) latest.set(r.key, r);
        const kept = new Set(after.map((r) => r.offset));
        for (const r of head) {
          const isLatest = latest.get(r.key) === r;
          const dropped = r.value === null && config.deleteRetentionTicks === 0;
          expect(kept.has(r.offset)).toBe(isLatest && !dropped);
        }
      }),
    );
  });

  it("a tombstone survives deleteRetentionTicks after the pass that first kept it, and goes at the first pass after that", () => {
    type Step = { kind: "append"; key: string; value: number | null } | { kind: "compact"; gap: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("append" as const), key: fc.constantFrom("a", "b", "c"), value: fc.option(fc.nat(9), { nil: null, freq: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact" as const), gap: fc.nat(8) }) },
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), (steps, segmentRecords, deleteRetentionTicks) => {
        const log = new PartitionLog<number>();
        const config = { segmentRecords, deleteRetentionTicks };
        const firstKept = new Map<number, number>();
        let now = 0;
        for (const step of steps) {
          if (step.kind === "append") {
            log.appendBatch([{ key: step.key, value: step.value }], now);
            continue;
          }
          now += step.gap;
          const activeStart = activeStartOf(log.endOffset, segmentRecords);
          const before = log.snapshot();
          const latest = new Map<string, number>();
          for (const r of before) if (r.offset < activeStart) latest.set(r.key, r.offset);
          compactLog(log, config, now);
          const kept = new Set(log.snapshot().map((r) => r.offset));
          for (const r of before) {
            if (r.offset >= activeStart || r.value !== null || latest.get(r.key) !== r.offset) continue;
            const since = firstKept.get(r.offset);
            if (since === undefined) {
              expect(kept.has(r.offset)).toBe(true);
              firstKept.set(r.offset, now);
            } else {
              expect(kept.has(r.offset)).toBe(now - since < deleteRetentionTicks);
            }
          }
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
        expect(log.snapshot()).toEqual(once);
      }),
    );
  });

  it("compacting a second time later only removes expiring tombstones or newly superseded records", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 50 }), (c, later) => {
        const { log, after, config, now } = run(c);
        const once = after.slice();
        compactLog(log, config, now + later);
        const twice = log.snapshot();
        const removed = once.filter((r) => !twice.includes(r));
        for (const r of removed) expect(r.value).toBeNull();
        expect(replay(twice)).toEqual(replay(once));
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
    expect(log.snapshot()).toEqual([]);
  });

  it("keeps the latest value per key and leaves gaps", () => {
    // offsets 0..4, segments [0,1] [2,3] [4] (active)
    const log = at([["a", 1, 0], ["b", 2, 0], ["a", 3, 0], ["b", 4, 0], ["a", 5, 0]]);
    expect(compactLog(log, config, 0)).toBe(2);
    expect(log.snapshot().map((r) => [r.offset, r.key, r.value])).toEqual([[2, "a", 3], [3, "b", 4], [4, "a", 5]]);
  });

  it("a head record superseded only in the active segment survives", () => {
    const log = at([["a", 1, 0], ["b", 2, 0], ["a", 3, 0]]); // active segment starts at 2
    expect(compactLog(log, config, 0)).toBe(0);
    expect(log.snapshot().map((r) => r.offset)).toEqual([0, 1, 2]);
  });

  it("a first pass keeps a head tombstone however old it is, and drops its key's older values", () => {
    const log = at([["a", 1, 0], ["a", null, 5], ["b", 1, 5]]);
    expect(compactLog(log, config, 1000)).toBe(1);
    expect(log.snapshot().map((r) => [r.offset, r.key, r.value])).toEqual([[1, "a", null], [2, "b", 1]]);
  });

  it("the retention counts from the first pass that kept the tombstone", () => {
    const log = at([["a", 1, 0], ["a", null, 1], ["b", 1, 1]]);
    expect(compactLog(log, config, 5)).toBe(1);
    expect(log.tombstoneCleanedAt.get(1)).toBe(5);
    expect(compactLog(log, config, 14)).toBe(0);
    expect(log.snapshot().map((r) => r.offset)).toEqual([1, 2]);
    expect(log.tombstoneCleanedAt.get(1)).toBe(5); // a later pass does not restart the clock
    expect(compactLog(log, config, 15)).toBe(1);
    expect(log.snapshot().map((r) => r.offset)).toEqual([2]);
    expect(log.tombstoneCleanedAt.has(1)).toBe(false);
  });

  it("a tombstone superseded by a newer record is dropped at once and forgotten", () => {
    const log = at([["a", null, 0], ["b", 1, 0], ["c", 1, 0], ["c", 2, 0], ["a", 2, 0]]);
    compactLog(log, config, 0); // head [0..3]: tombstone 0 is a's latest in the head -> kept
    expect(log.snapshot().map((r) => r.offset)).toEqual([0, 1, 3, 4]);
    expect(log.tombstoneCleanedAt.get(0)).toBe(0);
    log.appendBatch([{ key: "d", value: 1 }], 1);
    log.appendBatch([{ key: "d", value: 2 }], 1); // end 7: head [0..5], a=2 at 4 supersedes the tombstone
    compactLog(log, config, 1);
    expect(log.snapshot().map((r) => r.offset)).toEqual([1, 3, 4, 5, 6]);
    expect(log.tombstoneCleanedAt.size).toBe(0);
  });

  it("a tombstone in the active segment survives however old", () => {
    const log = at([["a", 1, 0], ["b", 1, 0], ["a", null, 0]]);
    compactLog(log, config, 1000);
    expect(log.snapshot().map((r) => [r.offset, r.key, r.value])).toEqual([[0, "a", 1], [1, "b", 1], [2, "a", null]]);
  });

  it("with deleteRetentionTicks 0 every head tombstone goes at once", () => {
    const log = at([["a", null, 3], ["b", 1, 3], ["c", 1, 3]]);
    compactLog(log, { segmentRecords: 1, deleteRetentionTicks: 0 }, 3);
    expect(log.snapshot().map((r) => r.offset)).toEqual([1, 2]);
  });
});
