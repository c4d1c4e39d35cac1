// The store as a service reaches it (`StoreClient`): every commit and every restore is
// recorded (`Op.storeCommit`) with its namespace, next offset and state hash, which is what
// the atomicity and offsets checkers judge; a restore, and a namespace handed back by `find`,
// are recorded as such too (`Op.storeRestore`, `Op.storeOpen`), which the restoration checker
// holds against the changelog.
import { describe, expect, it } from "vitest";
import { History, Op } from "../../src/core/history.ts";
import { HarnessError } from "../../src/core/invariant.ts";
import { slotInstance, slotPartition, storeSlot } from "../../src/core/packed-fields.ts";
import { stateHash } from "../../src/core/state-hash.ts";
import { Disk } from "../../src/store/disk.ts";
import type { StoreClient } from "../../src/store/store-client.ts";

function setup(instance = 3, dedupeSizes = false) {
  const history = new History();
  const disk = new Disk({ history, instance, dedupeSizes });
  const client: StoreClient = disk;
  return { history, disk, client };
}

/** `[a, b, c]` of every record with `op`. */
function recordsOf(history: History, op: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === op) out.push(history.data.slice(i + 1, i + 4));
  return out;
}

const hashOf = (entries: Array<[string, unknown]>) => stateHash(new Map(entries));

describe("StoreClient records", () => {
  it("every commit records Op.storeCommit with the store slot, the next offset and the state hash after it", () => {
    const { history, client } = setup(3);
    const first = client.begin(1).put("a", 1).put("b", { x: 2 }).addDedupe("p0-0", 0);
    first.nextOffset = 1;
    client.commit(first);
    const second = client.begin(1).put("a", null).put("c", [1, 2]);
    second.nextOffset = 2;
    client.commit(second);
    client.commit(client.begin(4).put("z", 0));
    expect(recordsOf(history, Op.storeCommit)).toEqual([
      [storeSlot(3, 1), 1, hashOf([["a", 1], ["b", { x: 2 }]])],
      [storeSlot(3, 1), 2, hashOf([["b", { x: 2 }], ["c", [1, 2]]])],
      [storeSlot(3, 4), 0, hashOf([["z", 0]])],
    ]);
    const [slot] = recordsOf(history, Op.storeCommit)[0];
    expect([slotInstance(slot), slotPartition(slot)]).toEqual([3, 1]);
  });

  it("bookkeeping-only transactions (acknowledgements, checkpoints) are commits too, with the unchanged offset and hash", () => {
    const { history, client } = setup(0);
    const tx = client.begin(0).put("a", 1);
    tx.nextOffset = 5;
    tx.pendingBatch = [{ key: "s:a", value: 1 }];
    client.commit(tx);
    const ack = client.begin(0);
    ack.pendingBatch = null;
    ack.checkpoint = 7;
    client.commit(ack);
    const sent = client.begin(0);
    sent.outboxAcked = true;
    client.commit(sent);
    client.commit(client.begin(0));
    const hash = hashOf([["a", 1]]);
    expect(recordsOf(history, Op.storeCommit)).toEqual([
      [storeSlot(0, 0), 5, hash],
      [storeSlot(0, 0), 5, hash],
      [storeSlot(0, 0), 5, hash],
      [storeSlot(0, 0), 5, hash],
    ]);
  });

  it("the empty state hashes to 0", () => {
    const { history, client } = setup(2);
    client.commit(client.begin(6));
    expect(recordsOf(history, Op.storeCommit)).toEqual([[storeSlot(2, 6), 0, 0]]);
  });

  it("a restore records Op.storeCommit with the restored next offset and the restored state's hash", () => {
    const { history, client } = setup(1);
    client.commit(client.begin(2).put("stale", 9));
    const state = new Map<string, unknown>([["x", 1], ["y", "two"]]);
    const store = client.restore(2, { state, dedupe: new Map([["p0-1", 4]]), nextOffset: 5, outbox: [], checkpoint: 11 });
    expect(recordsOf(history, Op.storeCommit).at(-1)).toEqual([storeSlot(1, 2), 5, hashOf([["x", 1], ["y", "two"]])]);
    expect(store.get("stale")).toBeUndefined();
    // later commits extend the restored hash
    client.commit(client.begin(2).put("x", 2));
    expect(recordsOf(history, Op.storeCommit).at(-1)).toEqual([storeSlot(1, 2), 5, hashOf([["x", 2], ["y", "two"]])]);
  });

  it("a restore is recorded as one (Op.storeRestore: next offset, changelog offset reached) just before its commit", () => {
    const { history, client } = setup(1);
    client.restore(2, { state: new Map([["x", 1]]), dedupe: new Map(), nextOffset: 5, outbox: [], checkpoint: 11 });
    expect(recordsOf(history, Op.storeRestore)).toEqual([[storeSlot(1, 2), 5, 11]]);
    expect(history.data.filter((_, i) => i % 4 === 0)).toEqual([Op.storeRestore, Op.storeCommit]);
  });

  it("find records each namespace it hands back (Op.storeOpen: next offset, checkpoint); peek and a miss record nothing", () => {
    const { history, disk, client } = setup(2);
    expect(client.find(0)).toBeUndefined();
    const tx = client.begin(0).put("a", 1);
    tx.nextOffset = 4;
    tx.checkpoint = 9;
    client.commit(tx);
    const before = history.length;
    expect(disk.peek(0)!.nextOffset).toBe(4);
    expect(history.length).toBe(before);
    expect(client.find(0)!.nextOffset).toBe(4);
    expect(recordsOf(history, Op.storeOpen)).toEqual([[storeSlot(2, 0), 4, 9]]);
  });

  it("a disk without recording (unit tests, tools) works the same", () => {
    for (const disk of [new Disk(null), new Disk()]) {
      expect(disk.commit(disk.begin(0).put("a", 1).addDedupe("d", 0)).get("a")).toBe(1);
      expect(disk.restore(1, { state: new Map(), dedupe: new Map([["d", 0]]), nextOffset: 2, outbox: [], checkpoint: 0 }).nextOffset).toBe(2);
    }
  });

  it("with dedupeSizes, commits and restores that change the dedupe set also record its size", () => {
    const { history, client } = setup(4, true);
    client.commit(client.begin(0).put("a", 1)); // no dedupe change
    client.commit(client.begin(0).addDedupe("p0-0", 0).addDedupe("p0-1", 1));
    client.commit(client.begin(0).removeDedupe("p0-0"));
    client.restore(1, { state: new Map(), dedupe: new Map([["p0-2", 2]]), nextOffset: 3, outbox: [], checkpoint: 0 });
    client.restore(2, { state: new Map(), dedupe: new Map(), nextOffset: 0, outbox: [], checkpoint: 0 });
    expect(recordsOf(history, Op.dedupeSize)).toEqual([
      [storeSlot(4, 0), 2, 0],
      [storeSlot(4, 0), 1, 0],
      [storeSlot(4, 1), 1, 0],
    ]);
    // each size record follows the commit it belongs to
    const ops = history.data.filter((_, i) => i % 4 === 0);
    expect(ops).toEqual([Op.storeCommit, Op.storeCommit, Op.dedupeSize, Op.storeCommit, Op.dedupeSize, Op.storeRestore, Op.storeCommit, Op.dedupeSize, Op.storeRestore, Op.storeCommit]);
  });

  it("without dedupeSizes, no size is recorded", () => {
    const { history, client } = setup(4, false);
    client.commit(client.begin(0).addDedupe("p0-0", 0));
    expect(recordsOf(history, Op.dedupeSize)).toEqual([]);
    expect(recordsOf(history, Op.storeCommit)).toHaveLength(1);
  });
});

describe("crash and wipe", () => {
  it("a crash drops open transactions: they cannot commit afterwards, and nothing is recorded for them", () => {
    const { history, disk, client } = setup();
    client.commit(client.begin(0).put("a", 1));
    const open = client.begin(0).put("a", 2);
    const other = client.begin(1).put("b", 1);
    disk.crash();
    const before = history.length;
    expect(() => client.commit(open)).toThrow(HarnessError);
    expect(() => client.commit(other)).toThrow(HarnessError);
    expect(history.length).toBe(before);
    expect(client.find(0)!.get("a")).toBe(1);
    expect(client.find(1)).toBeUndefined();
    // committed work survives; new transactions commit
    client.commit(client.begin(0).put("a", 3));
    expect(client.find(0)!.get("a")).toBe(3);
  });

  it("wipe empties the disk and fences open transactions", () => {
    const { disk, client } = setup();
    const tx = client.begin(0).put("a", 1).addDedupe("d", 0);
    tx.nextOffset = 1;
    client.commit(tx);
    client.commit(client.begin(2).put("b", 1));
    const open = client.begin(2).put("c", 1);
    disk.wipe();
    expect(disk.partitions()).toEqual([]);
    expect(client.find(0)).toBeUndefined();
    expect(client.find(2)).toBeUndefined();
    expect(() => client.commit(open)).toThrow(HarnessError);
    // a new namespace after the wipe starts empty
    const fresh = client.commit(client.begin(0));
    expect(fresh.stateSize).toBe(0);
    expect(fresh.dedupeSize).toBe(0);
    expect(fresh.nextOffset).toBe(0);
    expect(fresh.checkpoint).toBe(-1);
  });
});

describe("scan", () => {
  function storeWith(keys: string[]) {
    const { client } = setup();
    const tx = client.begin(0);
    for (const key of keys) tx.put(key, `v-${key}`);
    return client.commit(tx);
  }

  it("returns every entry in key order, whatever the write order", () => {
    const store = storeWith(["d", "a", "c", "b", "aa"]);
    expect(store.scan()).toEqual([["a", "v-a"], ["aa", "v-aa"], ["b", "v-b"], ["c", "v-c"], ["d", "v-d"]]);
  });

  it("bounds are from (inclusive) and to (exclusive), either optional", () => {
    const store = storeWith(["d", "a", "c", "b"]);
    const keys = (from?: string, to?: string) => store.scan(from, to).map(([key]) => key);
    expect(keys("b")).toEqual(["b", "c", "d"]);
    expect(keys(undefined, "c")).toEqual(["a", "b"]);
    expect(keys("b", "d")).toEqual(["b", "c"]);
    expect(keys("bb", "cc")).toEqual(["c"]);
    expect(keys("c", "c")).toEqual([]);
    expect(keys("e")).toEqual([]);
    expect(keys(undefined, "a")).toEqual([]);
  });

  it("deleted keys are gone from the scan", () => {
    const { client } = setup();
    client.commit(client.begin(0).put("a", 1).put("b", 2).put("c", 3));
    const store = client.commit(client.begin(0).put("b", null));
    expect(store.scan()).toEqual([["a", 1], ["c", 3]]);
    expect(store.stateSize).toBe(2);
  });
});
