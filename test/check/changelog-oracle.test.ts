// The restoration checker's own reading of a changelog (src/check/changelog-oracle.ts): its
// decoder, and its idea of a fully compacted log, which must agree with the broker's cleaner
// (an independent implementation) run with one-record segments and no delete retention.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactLog } from "../../src/broker/compaction.ts";
import type { LogRecord } from "../../src/broker/log-record.ts";
import { PartitionLog } from "../../src/broker/partition-log.ts";
import { decodeChangelog, decodeCompacted, fullyCompacted } from "../../src/check/changelog-oracle.ts";
import { applyChangelogRecord, type RestoreTarget } from "../../src/runtime/changelog-record.ts";

/** Records at offsets 0, 1, ... (one batch each). */
function recordsOf(entries: Array<[string, unknown]>): LogRecord<unknown>[] {
  return entries.map(([key, value], offset) => ({ offset, key, value, timestampTicks: 0, batch: offset }));
}

describe("decodeChangelog", () => {
  it("an empty changelog is an empty store at offset 0", () => {
    const decoded = decodeChangelog([]);
    expect(decoded.state.size).toBe(0);
    expect(decoded.dedupe.size).toBe(0);
    expect(decoded.nextOffset).toBe(0);
  });

  it("s:<key> sets state; a null value (tombstone) deletes the key", () => {
    const decoded = decodeChangelog(recordsOf([["s:a", 1], ["s:b", { x: [2] }], ["s:a", 3], ["s:b", null], ["s:c", "c"]]));
    expect([...decoded.state]).toEqual([["a", 3], ["c", "c"]]);
  });

  it("a tombstone for a key never written changes nothing", () => {
    const decoded = decodeChangelog(recordsOf([["s:a", null], ["d:x", null]]));
    expect(decoded.state.size).toBe(0);
    expect(decoded.dedupe.size).toBe(0);
  });

  it("a key deleted and written again holds the new value", () => {
    const decoded = decodeChangelog(recordsOf([["s:a", 1], ["s:a", null], ["s:a", 2]]));
    expect([...decoded.state]).toEqual([["a", 2]]);
  });

  it("d:<id> records a dedupe ID with its input offset; a null value expires it", () => {
    const decoded = decodeChangelog(recordsOf([["d:p0-0", 0], ["d:p0-1", 1], ["d:p1-0", 2], ["d:p0-0", null]]));
    expect([...decoded.dedupe]).toEqual([["p0-1", 1], ["p1-0", 2]]);
  });

  it("state and dedupe are separate namespaces: the same name in both stays apart", () => {
    const decoded = decodeChangelog(recordsOf([["s:k", 1], ["d:k", 5], ["s:k", null]]));
    expect(decoded.state.size).toBe(0);
    expect([...decoded.dedupe]).toEqual([["k", 5]]);
  });

  it("#offset sets the next input offset; the last one wins", () => {
    expect(decodeChangelog(recordsOf([["#offset", 4], ["#offset", 9], ["#offset", 7]])).nextOffset).toBe(7);
  });

  it("#outbox and #epoch carry no state", () => {
    const decoded = decodeChangelog(recordsOf([["#outbox", [{ outputId: "p0-0/o0", cause: "p0-0/o0", payload: 1 }]], ["#epoch", 3], ["#outbox", null], ["#epoch", null]]));
    expect(decoded.state.size).toBe(0);
    expect(decoded.dedupe.size).toBe(0);
    expect(decoded.nextOffset).toBe(0);
  });

  it("keys with other prefixes carry no state", () => {
    const decoded = decodeChangelog(recordsOf([["x:a", 1], ["ss:a", 2], ["dd:a", 3], ["#offsets", 4], ["other", 5], ["S:a", 6]]));
    expect(decoded.state.size).toBe(0);
    expect(decoded.dedupe.size).toBe(0);
    expect(decoded.nextOffset).toBe(0);
  });

  // A bare "s" or "d" key (no colon) has no meaning in the format, as in the runtime's decoder.
  it("bare 's' and 'd' keys (no colon) carry no state", () => {
    const decoded = decodeChangelog(recordsOf([["s", 1], ["d", 2]]));
    expect(decoded.state.size).toBe(0);
    expect(decoded.dedupe.size).toBe(0);
  });

  it("a full changelog of the runtime's batches decodes to the store they describe", () => {
    const decoded = decodeChangelog(
      recordsOf([
        ["#epoch", 1],
        ["s:acct-0", 2], ["d:p0-0", 0], ["#offset", 1], ["#outbox", []],
        ["d:p0-1", 1], ["#offset", 2], ["#outbox", []],
        ["s:acct-0", null], ["s:acct-1", 5], ["d:p0-2", 2], ["d:p0-0", null], ["#offset", 3], ["#outbox", []],
        ["#epoch", 2],
      ]),
    );
    expect([...decoded.state]).toEqual([["acct-1", 5]]);
    expect([...decoded.dedupe]).toEqual([["p0-1", 1], ["p0-2", 2]]);
    expect(decoded.nextOffset).toBe(3);
  });
});

/** A record key of the runtime's format. */
const runtimeKeyArb = fc.oneof(
  fc.constantFrom("a", "b", "c").map((k) => `s:${k}`),
  fc.constantFrom("p0-0", "p0-1", "p1-0").map((id) => `d:${id}`),
  fc.constantFrom("#offset", "#outbox", "#epoch"),
);

/** A value for `key` as the runtime would write it (null: a tombstone or expiry). */
function valueArb(key: string): fc.Arbitrary<unknown> {
  if (key === "#offset" || key === "#epoch") return fc.nat(50);
  if (key === "#outbox") return fc.constantFrom([], [{ outputId: "p0-0/o0", cause: "p0-0/o0", payload: 1 }]);
  return fc.option(fc.nat(50), { nil: null, freq: 3 });
}

const entryArb: fc.Arbitrary<[string, unknown]> = runtimeKeyArb.chain((key) => valueArb(key).map((value): [string, unknown] => [key, value]));

describe("decodeChangelog agrees with the runtime's decoder", () => {
  it("on random changelogs of the runtime's format (state, dedupe IDs, next offset)", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (entries) => {
        const target: RestoreTarget = { state: new Map(), dedupe: new Map(), nextOffset: 0, outbox: [] };
        for (const [key, value] of entries) applyChangelogRecord(target, key, value);
        const decoded = decodeChangelog(recordsOf(entries));
        expect(decoded.state).toEqual(target.state);
        expect(decoded.dedupe).toEqual(target.dedupe);
        expect(decoded.nextOffset).toBe(target.nextOffset);
      }),
    );
  });
});

describe("fullyCompacted", () => {
  it("an empty log stays empty", () => {
    expect(fullyCompacted([], 0)).toEqual([]);
  });

  it("keeps each key's latest record below the last offset, drops every tombstone there, and keeps the last record whatever it is", () => {
    const records = recordsOf([["s:a", 1], ["s:b", 1], ["s:a", 2], ["s:b", null], ["d:x", 0], ["s:a", null]]);
    expect(fullyCompacted(records, 6).map((r) => r.offset)).toEqual([2, 4, 5]);
  });

  it("a key whose latest record is the last one keeps its earlier latest record too (the active segment does not count)", () => {
    const records = recordsOf([["s:a", 1], ["s:a", 2], ["s:a", 3]]);
    expect(fullyCompacted(records, 3).map((r) => r.offset)).toEqual([1, 2]);
  });

  it("reads the end offset, not the last record: with the last record gone, all records are in the head", () => {
    const records = recordsOf([["s:a", 1], ["s:a", 2], ["s:b", null]]).slice(0, 2);
    expect(fullyCompacted(records, 3).map((r) => r.offset)).toEqual([1]);
  });

  it("does not change its input", () => {
    const records = recordsOf([["s:a", 1], ["s:a", 2], ["s:a", null], ["s:b", 1]]);
    const copy = records.slice();
    fullyCompacted(records, 4);
    expect(records).toEqual(copy);
  });
});

type Op = { kind: "append"; entries: Array<[string, number | null]> } | { kind: "compact"; segmentRecords: number; retention: number; gap: number } | { kind: "drop"; index: number };

/** Random changelog histories: appends (batches of one to three records), partial compactions with other settings, and records lost from the middle (as in a damaged view). */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("append" as const),
      entries: fc.array(fc.tuple(fc.constantFrom("s:a", "s:b", "s:c", "d:p0-0", "d:p0-1", "#offset", "#outbox"), fc.option(fc.nat(9), { nil: null, freq: 3 })), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact" as const), segmentRecords: fc.integer({ min: 1, max: 6 }), retention: fc.nat(8), gap: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), index: fc.nat(100) }) },
);

/** Play `ops` on a fresh log; returns it and the clock's time after them. */
function play(ops: readonly Op[]): { log: PartitionLog<unknown>; now: number } {
  const log = new PartitionLog<unknown>();
  let now = 0;
  for (const op of ops) {
    if (op.kind === "append") log.appendBatch(op.entries.map(([key, value]) => ({ key, value })), now);
    else if (op.kind === "compact") {
      now += op.gap;
      compactLog(log, { segmentRecords: op.segmentRecords, deleteRetentionTicks: op.retention }, now);
    } else {
      const records = log.snapshot();
      if (records.length > 0) log.replaceRecords(records.filter((_, i) => i !== op.index % records.length));
    }
  }
  return { log, now };
}

describe("fullyCompacted agrees with the broker's cleaner (one-record segments, no delete retention)", () => {
  it("on random logs, gappy or not, partly compacted before or not", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(20), (ops, later) => {
        const { log, now } = play(ops);
        const before = log.snapshot();
        const expected = fullyCompacted(before, log.endOffset);
        const cleaned = log.clone();
        compactLog(cleaned, { segmentRecords: 1, deleteRetentionTicks: 0 }, now + later);
        expect(expected).toEqual(cleaned.snapshot());
        // the oracle read a copy and changed nothing
        expect(log.snapshot()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("a fully compacted log of the runtime's format decodes to the same store as the log it came from", () => {
    // batches of the runtime's format (no null offset markers), partial compactions, no lost records
    const runtimeOpArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.array(entryArb, { minLength: 1, maxLength: 3 }).map((entries): Op => ({ kind: "append", entries: entries as Array<[string, number | null]> })) },
      { weight: 1, arbitrary: opArb.filter((op) => op.kind === "compact") },
    );
    fc.assert(
      fc.property(fc.array(runtimeOpArb, { maxLength: 40 }), (ops) => {
        const { log } = play(ops);
        const records = log.snapshot();
        const full = decodeChangelog(records);
        const compacted = decodeChangelog(fullyCompacted(records, log.endOffset));
        expect(compacted.state).toEqual(full.state);
        expect(compacted.dedupe).toEqual(full.dedupe);
        expect(compacted.nextOffset).toBe(full.nextOffset);
      }),
      { numRuns: 300 },
    );
  });

  it("decodeCompacted is the decoding of the fully compacted log, null offset markers and all", () => {
    let compactedAgain = 0;
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { log } = play(ops);
        const records = log.snapshot();
        const asIs = decodeChangelog(records);
        const expected = decodeChangelog(fullyCompacted(records, log.endOffset));
        const got = decodeCompacted(records, log.endOffset, asIs);
        if (got !== asIs) compactedAgain++;
        expect(got.state).toEqual(expected.state);
        expect(got.dedupe).toEqual(expected.dedupe);
        expect(got.nextOffset).toBe(expected.nextOffset);
      }),
      { numRuns: 500 },
    );
    // The one case it compacts for (a last offset marker that is a tombstone) came up.
    expect(compactedAgain).toBeGreaterThan(0);
  });

  it("is a fixed point: compacting its result again changes nothing", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { log } = play(ops);
        const once = fullyCompacted(log.snapshot(), log.endOffset);
        expect(fullyCompacted(once, log.endOffset)).toEqual(once);
      }),
    );
  });
});
