import { describe, expect, it } from "vitest";
import { Broker } from "../../src/broker/broker.ts";
import type { ProduceEntry } from "../../src/broker/log-record.ts";
import { reliableNetwork } from "../../src/broker/send-outcome.ts";
import { VirtualClock } from "../../src/core/clock.ts";
import { History } from "../../src/core/history.ts";
import { limits } from "../../src/core/limits.ts";
import { applyChangelogRecord, type RestoreTarget } from "../../src/runtime/changelog-record.ts";
import { Restore } from "../../src/runtime/restore.ts";
import type { ServiceBroker } from "../../src/runtime/runtime-context.ts";

function setup(segmentRecords = 4, deleteRetentionTicks = 10) {
  const clock = new VirtualClock();
  const broker: ServiceBroker = new Broker({ partitions: 1, changelogCompaction: { segmentRecords, deleteRetentionTicks } }, clock, new History(), reliableNetwork);
  const send = (...entries: ProduceEntry<unknown>[]) => broker.produce(broker.changelog, 0, entries);
  return { clock, broker, send };
}

function restoreFully(broker: ServiceBroker): { restore: Restore; steps: number } {
  const restore = new Restore(0, broker);
  for (let steps = 1; steps < 1000; steps++) if (restore.step()) return { restore, steps };
  throw new Error("restore did not finish");
}

describe("applyChangelogRecord", () => {
  const empty = (): RestoreTarget => ({ state: new Map(), dedupe: new Map(), nextOffset: 0, outbox: [] });

  it("applies state writes and tombstones, dedupe IDs, the offset marker and the outbox", () => {
    const t = empty();
    applyChangelogRecord(t, "s:a", 1);
    applyChangelogRecord(t, "s:b", 2);
    applyChangelogRecord(t, "s:a", null);
    applyChangelogRecord(t, "d:p0-3", 7);
    applyChangelogRecord(t, "#offset", 8);
    applyChangelogRecord(t, "#outbox", [{ outputId: "p0-3/o0", payload: 1 }]);
    expect([...t.state]).toEqual([["b", 2]]);
    expect([...t.dedupe]).toEqual([["p0-3", 7]]);
    expect(t.nextOffset).toBe(8);
    expect(t.outbox).toEqual([{ outputId: "p0-3/o0", payload: 1 }]);
  });

  it("a null outbox is an empty one; a dedupe tombstone expires the ID; epoch markers and unknown keys change nothing", () => {
    const t = empty();
    applyChangelogRecord(t, "d:x", 3);
    applyChangelogRecord(t, "d:y", 4);
    applyChangelogRecord(t, "#outbox", null);
    applyChangelogRecord(t, "d:x", null);
    applyChangelogRecord(t, "#epoch", 5);
    applyChangelogRecord(t, "other", 5);
    expect(t.outbox).toEqual([]);
    expect([...t.dedupe]).toEqual([["y", 4]]);
    expect(t.state.size).toBe(0);
    expect(t.nextOffset).toBe(0);
  });
});

describe("Restore", () => {
  it("an empty changelog restores an empty store in one step", () => {
    const { broker } = setup();
    const { restore, steps } = restoreFully(broker);
    expect(steps).toBe(1);
    expect(restore.target.state.size).toBe(0);
    expect(restore.target.nextOffset).toBe(0);
    expect(restore.target.checkpoint).toBe(0);
    expect(restore.target.outboxAcked).toBe(true);
    expect(restore.target.pendingBatch).toBeNull();
  });

  it("reads a bounded number of records per step and ends at the changelog end", () => {
    const { broker, send } = setup();
    const n = limits.restoreRecordsPerStep * 2 + 3;
    for (let i = 0; i < n; i++) send({ key: `s:k${i % 5}`, value: i });
    send({ key: "#offset", value: 42 }, { key: "#outbox", value: [{ outputId: "x/o0", payload: 1 }] });
    const { restore, steps } = restoreFully(broker);
    expect(steps).toBe(Math.ceil((n + 2) / limits.restoreRecordsPerStep));
    expect(restore.target.state.get("k0")).toBe(n - 1 - ((n - 1) % 5));
    expect(restore.target.nextOffset).toBe(42);
    expect(restore.target.checkpoint).toBe(n + 2);
    expect(restore.target.outboxAcked).toBe(false); // the restored outbox is re-sent
  });

  it("starts from the log start offset", () => {
    const { broker, send } = setup();
    send({ key: "s:a", value: 1 });
    send({ key: "s:b", value: 2 });
    broker.changelog.partitions[0].truncateStart(1);
    expect(new Restore(0, broker).startOffset).toBe(1);
    const { restore } = restoreFully(broker);
    expect([...restore.target.state]).toEqual([["b", 2]]);
  });

  it("restoring a compacted changelog gives the same store as the uncompacted one", () => {
    const { broker, send, clock } = setup(3, 5);
    for (let i = 0; i < 30; i++) {
      send({ key: `s:k${i % 4}`, value: i % 7 === 0 ? null : i }, { key: `d:p0-${i}`, value: i }, { key: "#offset", value: i + 1 }, { key: "#outbox", value: [] });
      clock.advance(1);
    }
    const before = restoreFully(broker).restore.target;
    clock.advance(100);
    expect(broker.compactChangelog(0)).toBeGreaterThan(0);
    const after = restoreFully(broker).restore.target;
    expect(after.state).toEqual(before.state);
    expect(after.dedupe).toEqual(before.dedupe);
    expect(after.nextOffset).toBe(before.nextOffset);
  });

  it("picks up records appended while it runs", () => {
    const { broker, send } = setup();
    for (let i = 0; i < limits.restoreRecordsPerStep; i++) send({ key: "s:a", value: i });
    send({ key: "s:a", value: 100 });
    const restore = new Restore(0, broker);
    expect(restore.step()).toBe(false);
    send({ key: "s:b", value: 1 });
    while (!restore.step());
    expect([...restore.target.state]).toEqual([["a", 100], ["b", 1]]);
    expect(restore.target.checkpoint).toBe(limits.restoreRecordsPerStep + 2);
  });

  it("restoreTombstones off (a planted bug) brings deleted keys back", () => {
    const { broker, send } = setup();
    send({ key: "s:a", value: 1 });
    send({ key: "s:a", value: null });
    expect(restoreFully(broker).restore.target.state.has("a")).toBe(false);
    const buggy = new Restore(0, broker, false);
    while (!buggy.step());
    expect(buggy.target.state.get("a")).toBe(1);
  });

  // faults/compaction.ts: "What a restore reads must not depend on when the cleaner ran."
  it("a compaction between restore steps does not resurrect a deleted key (the tombstone outlives the scan)", () => {
    const { broker, send, clock } = setup(1, 5);
    send({ key: "s:gone", value: 1 }); // offset 0
    for (let i = 1; i < limits.restoreRecordsPerStep; i++) send({ key: `s:k${i}`, value: i });
    send({ key: "s:gone", value: null }); // offset restoreRecordsPerStep: tombstone
    send({ key: "s:last", value: 0 }); // the active segment
    clock.advance(100); // the tombstone is old, but no cleaner has seen it yet

    const restore = new Restore(0, broker);
    expect(restore.step()).toBe(false); // has applied gone=1
    broker.compactChangelog(0); // removes offset 0; the tombstone's retention starts now
    expect(broker.changelog.partitions[0].firstAtOrAfter(limits.restoreRecordsPerStep)?.value).toBeNull();
    while (!restore.step());
    expect(restore.target.state.has("gone")).toBe(false);
  });
});
