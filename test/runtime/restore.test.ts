import { describe, expect, it } from "vitest";
import { Broker } from "../../src/broker/broker.ts";
import type { BrokerClient } from "../../src/broker/broker-client.ts";
import type { ProduceEntry } from "../../src/broker/log-record.ts";
import { PartitionLog } from "../../src/broker/partition-log.ts";
import { reliableNetwork, SendTarget } from "../../src/broker/send-outcome.ts";
import { VirtualClock } from "../../src/core/clock.ts";
import { History, Op } from "../../src/core/history.ts";
import { limits } from "../../src/core/limits.ts";
import { actorSlot } from "../../src/core/packed-fields.ts";
import { applyChangelogRecord, type RestoreTarget } from "../../src/runtime/changelog-record.ts";
import { Restore } from "../../src/runtime/restore.ts";
import { Disk } from "../../src/store/disk.ts";
import type { RestoredContents } from "../../src/store/store-client.ts";

/** The restoring instance's actor. */
const reader = 0;

function setup(segmentRecords = 4, deleteRetentionTicks = 10) {
  const clock = new VirtualClock();
  const history = new History();
  const broker = new Broker({ partitions: 1, changelogCompaction: { segmentRecords, deleteRetentionTicks } }, clock, history, reliableNetwork);
  const writer = broker.client(1);
  const send = (...entries: ProduceEntry<unknown>[]) => writer.produce(SendTarget.changelog, 0, entries);
  return { clock, history, broker, client: broker.client(reader), send };
}

/** Step `restore` until it hands back what it rebuilt. */
function finish(restore: Restore): RestoredContents {
  for (let steps = 1; steps < 1000; steps++) {
    const contents = restore.step();
    if (contents !== null) return contents;
  }
  throw new Error("restore did not finish");
}

function restoreFully(broker: Broker): { contents: RestoredContents; steps: number } {
  const restore = new Restore(0, broker.client(reader));
  for (let steps = 1; steps < 1000; steps++) {
    const contents = restore.step();
    if (contents !== null) return { contents, steps };
  }
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
    const { contents, steps } = restoreFully(broker);
    expect(steps).toBe(1);
    expect(contents.state.size).toBe(0);
    expect(contents.nextOffset).toBe(0);
    expect(contents.checkpoint).toBe(0);
    // installed, it is a store with nothing to resend
    const store = new Disk().restore(0, contents);
    expect(store.outboxAcked).toBe(true);
    expect(store.pendingBatch).toBeNull();
  });

  it("reads a bounded number of records per step and ends at the changelog end", () => {
    const { broker, send } = setup();
    const n = limits.restoreRecordsPerStep * 2 + 3;
    for (let i = 0; i < n; i++) send({ key: `s:k${i % 5}`, value: i });
    send({ key: "#offset", value: 42 }, { key: "#outbox", value: [{ outputId: "x/o0", payload: 1 }] });
    const { contents, steps } = restoreFully(broker);
    expect(steps).toBe(Math.ceil((n + 2) / limits.restoreRecordsPerStep));
    expect(contents.state.get("k0")).toBe(n - 1 - ((n - 1) % 5));
    expect(contents.nextOffset).toBe(42);
    expect(contents.checkpoint).toBe(n + 2);
    expect(contents.outbox).toEqual([{ outputId: "x/o0", payload: 1 }]);
    expect(new Disk().restore(0, contents).outboxAcked).toBe(false); // the restored outbox is re-sent
  });

  it("every chunk it reads is a fetch the broker records under the restoring instance", () => {
    const { broker, history, send } = setup();
    const n = limits.restoreRecordsPerStep + 3;
    for (let i = 0; i < n; i++) send({ key: `s:k${i}`, value: i });
    restoreFully(broker);
    const fetches: number[][] = [];
    for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === Op.fetch) fetches.push(history.data.slice(i + 1, i + 4));
    const slot = actorSlot(reader, SendTarget.changelog, 0);
    expect(fetches).toEqual([[slot, 0, limits.restoreRecordsPerStep], [slot, limits.restoreRecordsPerStep, 3]]);
  });

  it("starts from the log start offset", () => {
    // The broker never truncates a changelog's start; a client over a truncated log stands in.
    const log = new PartitionLog<unknown>();
    log.appendBatch([{ key: "s:a", value: 1 }], 0);
    log.appendBatch([{ key: "s:b", value: 2 }], 0);
    log.truncateStart(1);
    const client: BrokerClient = {
      produce: () => {
        throw new Error("a restore never produces");
      },
      fetch: (topic, partition, from, max) => (topic === SendTarget.changelog && partition === 0 ? log.fetch(from, max) : []),
      startOffset: (topic) => (topic === SendTarget.changelog ? log.logStartOffset : 0),
      endOffset: (topic) => (topic === SendTarget.changelog ? log.endOffset : 0),
    };
    expect(new Restore(0, client).startOffset).toBe(1);
    const contents = finish(new Restore(0, client));
    expect([...contents.state]).toEqual([["b", 2]]);
    expect(contents.checkpoint).toBe(2);
  });

  it("restoring a compacted changelog gives the same store as the uncompacted one", () => {
    const { broker, send, clock } = setup(3, 5);
    for (let i = 0; i < 30; i++) {
      send({ key: `s:k${i % 4}`, value: i % 7 === 0 ? null : i }, { key: `d:p0-${i}`, value: i }, { key: "#offset", value: i + 1 }, { key: "#outbox", value: [] });
      clock.advance(1);
    }
    const before = restoreFully(broker).contents;
    clock.advance(100);
    expect(broker.compactChangelog(0)).toBeGreaterThan(0);
    const after = restoreFully(broker).contents;
    expect(after.state).toEqual(before.state);
    expect(after.dedupe).toEqual(before.dedupe);
    expect(after.nextOffset).toBe(before.nextOffset);
  });

  it("picks up records appended while it runs", () => {
    const { client, send } = setup();
    for (let i = 0; i < limits.restoreRecordsPerStep; i++) send({ key: "s:a", value: i });
    send({ key: "s:a", value: 100 });
    const restore = new Restore(0, client);
    expect(restore.step()).toBeNull();
    send({ key: "s:b", value: 1 });
    const contents = finish(restore);
    expect([...contents.state]).toEqual([["a", 100], ["b", 1]]);
    expect(contents.checkpoint).toBe(limits.restoreRecordsPerStep + 2);
  });

  it("restoreTombstones off (a planted bug) brings deleted keys back", () => {
    const { broker, client, send } = setup();
    send({ key: "s:a", value: 1 });
    send({ key: "s:a", value: null });
    expect(restoreFully(broker).contents.state.has("a")).toBe(false);
    expect(finish(new Restore(0, client, false)).state.get("a")).toBe(1);
  });

  // faults/compaction.ts: "What a restore reads must not depend on when the cleaner ran."
  it("a compaction between restore steps does not resurrect a deleted key (the tombstone outlives the scan)", () => {
    const { broker, client, send, clock } = setup(1, 5);
    send({ key: "s:gone", value: 1 }); // offset 0
    for (let i = 1; i < limits.restoreRecordsPerStep; i++) send({ key: `s:k${i}`, value: i });
    send({ key: "s:gone", value: null }); // offset restoreRecordsPerStep: tombstone
    send({ key: "s:last", value: 0 }); // the active segment
    clock.advance(100); // the tombstone is old, but no cleaner has seen it yet

    const restore = new Restore(0, client);
    expect(restore.step()).toBeNull(); // has applied gone=1
    broker.compactChangelog(0); // removes offset 0; the tombstone's retention starts now
    const changelog = broker.topicData(SendTarget.changelog).records[0];
    expect(changelog.find((r) => r.offset >= limits.restoreRecordsPerStep)?.value).toBeNull();
    expect(changelog.some((r) => r.offset === 0)).toBe(false);
    expect(finish(restore).state.has("gone")).toBe(false);
  });
});
