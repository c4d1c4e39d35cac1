import { afterEach, describe, expect, it } from "vitest";
import { HarnessError } from "../../src/core/invariant.ts";
import { Disk } from "../../src/store/disk.ts";
import { SqliteNamespaces } from "../../src/store/sqlite-namespaces.ts";

// Every test runs on both namespace stores: in memory, and in an in-memory SQLite database.
const stores = [["memory", () => undefined], ["sqlite", () => new SqliteNamespaces()]] as const;

describe.each(stores)("Disk + Transaction (%s)", (_name, namespaces) => {
  const disks: Disk[] = [];
  afterEach(() => {
    for (const disk of disks.splice(0)) disk.close();
  });
  const newDisk = (): Disk => {
    const disk = new Disk(null, namespaces());
    disks.push(disk);
    return disk;
  };

  it("a committed transaction applies all writes, dedupe IDs, next offset, pending batch and outbox", () => {
    const disk = newDisk();
    const tx = disk.begin(2).put("a", 1).put("b", { x: 2 }).addDedupe("p0-0", 3).addDedupe("p0-1", 4);
    tx.nextOffset = 5;
    tx.pendingBatch = [{ key: "s:a", value: 1 }];
    tx.outbox = [{ outputId: "p0-1/o0", payload: 1 }];
    const store = disk.commit(tx);
    expect(store).toBe(disk.find(2));
    expect(store.partition).toBe(2);
    expect(store.scan()).toEqual([["a", 1], ["b", { x: 2 }]]);
    expect(store.stateSize).toBe(2);
    expect([...store.dedupeEntries()]).toEqual([["p0-0", 3], ["p0-1", 4]]);
    expect(store.dedupeSize).toBe(2);
    expect(store.nextOffset).toBe(5);
    expect(store.pendingBatch).toEqual([{ key: "s:a", value: 1 }]);
    expect(store.outbox).toEqual([{ outputId: "p0-1/o0", payload: 1 }]);
    expect(store.outboxAcked).toBe(false);
  });

  it("removeDedupe expires dedupe IDs; removals apply before additions", () => {
    const disk = newDisk();
    disk.commit(disk.begin(0).addDedupe("a", 0).addDedupe("b", 1));
    const store = disk.commit(disk.begin(0).removeDedupe("a").removeDedupe("c").removeDedupe("d").addDedupe("d", 7));
    expect([...store.dedupeEntries()]).toEqual([["b", 1], ["d", 7]]);
    expect(store.hasDedupe("a")).toBe(false);
  });

  it("writes apply in order; null deletes", () => {
    const disk = newDisk();
    disk.commit(disk.begin(0).put("a", 1).put("b", 2));
    const store = disk.commit(disk.begin(0).put("a", 3).put("a", null).put("b", 4).put("b", 5));
    expect(store.scan()).toEqual([["b", 5]]);
    expect(store.get("a")).toBeUndefined();
  });

  it("a transaction that leaves fields undefined does not touch them", () => {
    const disk = newDisk();
    const tx = disk.begin(0).put("a", 1);
    tx.nextOffset = 3;
    tx.pendingBatch = [{ key: "k", value: 1 }];
    tx.outbox = [];
    disk.commit(tx);
    const store = disk.commit(disk.begin(0).put("b", 2));
    expect(store.nextOffset).toBe(3);
    expect(store.pendingBatch).toEqual([{ key: "k", value: 1 }]);
    expect(store.outboxAcked).toBe(true);
    expect(store.get("a")).toBe(1);
  });

  it("an empty outbox counts as acknowledged", () => {
    const disk = newDisk();
    const tx = disk.begin(0);
    tx.outbox = [];
    expect(disk.commit(tx).outboxAcked).toBe(true);
  });

  it("an uncommitted transaction has no effect", () => {
    const disk = newDisk();
    const tx = disk.begin(1).put("a", 1).addDedupe("x");
    tx.nextOffset = 9;
    expect(disk.find(1)).toBeUndefined();
    expect(disk.partitions()).toEqual([]);
    disk.commit(disk.begin(1).put("b", 2));
    const store = disk.find(1)!;
    expect(store.get("a")).toBeUndefined();
    expect(store.scan()).toEqual([["b", 2]]);
    expect(store.dedupeSize).toBe(0);
    expect(store.hasDedupe("x")).toBe(false);
    expect(store.nextOffset).toBe(0);
  });

  it("a transaction begun before crash() throws HarnessError on commit and changes nothing", () => {
    const disk = newDisk();
    disk.commit(disk.begin(0).put("a", 1));
    const tx = disk.begin(0).put("a", 2).addDedupe("x");
    disk.crash();
    expect(() => disk.commit(tx)).toThrow(HarnessError);
    expect(disk.find(0)!.get("a")).toBe(1);
    expect(disk.find(0)!.hasDedupe("x")).toBe(false);
  });

  it("a transaction begun after a crash commits", () => {
    const disk = newDisk();
    disk.crash();
    disk.commit(disk.begin(0).put("a", 1));
    expect(disk.find(0)!.get("a")).toBe(1);
  });

  it("committed data survives crash()", () => {
    const disk = newDisk();
    const tx = disk.begin(0).put("a", 1).addDedupe("d");
    tx.nextOffset = 4;
    disk.commit(tx);
    const ack = disk.begin(0);
    ack.pendingBatch = null;
    ack.checkpoint = 12;
    disk.commit(ack);
    disk.crash();
    const store = disk.find(0)!;
    expect(store.get("a")).toBe(1);
    expect(store.hasDedupe("d")).toBe(true);
    expect(store.nextOffset).toBe(4);
    expect(store.checkpoint).toBe(12);
  });

  it("wipe() removes every namespace and fences open transactions", () => {
    const disk = newDisk();
    disk.commit(disk.begin(0).put("a", 1));
    disk.commit(disk.begin(3).put("b", 1));
    const tx = disk.begin(0).put("c", 1);
    disk.wipe();
    expect(disk.partitions()).toEqual([]);
    expect(disk.find(0)).toBeUndefined();
    expect(disk.find(3)).toBeUndefined();
    expect(() => disk.commit(tx)).toThrow(HarnessError);
  });

  it("the first commit creates an empty namespace, later ones reuse it; partitions() is ascending", () => {
    const disk = newDisk();
    const s5 = disk.commit(disk.begin(5));
    disk.commit(disk.begin(1));
    expect(disk.commit(disk.begin(5))).toBe(s5);
    expect(disk.find(5)).toBe(s5);
    expect(s5.nextOffset).toBe(0);
    expect(s5.checkpoint).toBe(-1);
    expect(s5.pendingBatch).toBeNull();
    expect(s5.outboxAcked).toBe(true);
    expect(s5.stateSize).toBe(0);
    expect(disk.partitions()).toEqual([1, 5]);
  });

  it("restore() replaces a namespace with the restored contents", () => {
    const disk = newDisk();
    const old = disk.commit(disk.begin(2).put("old", 1).addDedupe("gone", 0));
    const fresh = disk.restore(2, { state: new Map([["new", 2]]), dedupe: new Map([["p0-0", 0]]), nextOffset: 1, outbox: [], checkpoint: 6 });
    expect(fresh).not.toBe(old);
    expect(disk.find(2)).toBe(fresh);
    expect(fresh.nextOffset).toBe(1);
    expect(fresh.checkpoint).toBe(6);
    expect(fresh.pendingBatch).toBeNull();
    expect(fresh.outboxAcked).toBe(true);
    expect([...fresh.dedupeEntries()]).toEqual([["p0-0", 0]]);
    expect(fresh.hasDedupe("gone")).toBe(false);
    expect(disk.commit(disk.begin(2).put("x", 3))).toBe(fresh);
    expect(fresh.scan().map(([key]) => key)).toEqual(["new", "x"]);
  });

  it("a restored outbox is unacknowledged (it is re-sent)", () => {
    const disk = newDisk();
    const store = disk.restore(0, { state: new Map(), dedupe: new Map(), nextOffset: 3, outbox: [{ outputId: "p0-2/o0", payload: 1 }], checkpoint: 9 });
    expect(store.outbox).toEqual([{ outputId: "p0-2/o0", payload: 1 }]);
    expect(store.outboxAcked).toBe(false);
  });

  it("namespaces are independent", () => {
    const disk = newDisk();
    disk.commit(disk.begin(0).put("a", 1));
    disk.commit(disk.begin(1).put("a", 2));
    expect(disk.find(0)!.get("a")).toBe(1);
    expect(disk.find(1)!.get("a")).toBe(2);
  });

  it("acknowledging the changelog (pending batch cleared, checkpoint set) and then the outbox are transactions too", () => {
    const disk = newDisk();
    const tx = disk.begin(0);
    tx.pendingBatch = [{ key: "#offset", value: 1 }];
    tx.outbox = [{ outputId: "o", payload: 1 }];
    const store = disk.commit(tx);
    const logged = disk.begin(0);
    logged.pendingBatch = null;
    logged.checkpoint = 4;
    disk.commit(logged);
    expect(store.pendingBatch).toBeNull();
    expect(store.checkpoint).toBe(4);
    expect(store.outboxAcked).toBe(false);
    expect(store.outbox).toEqual([{ outputId: "o", payload: 1 }]);
    const sent = disk.begin(0);
    sent.outboxAcked = true;
    disk.commit(sent);
    expect(store.outboxAcked).toBe(true);
    expect(store.checkpoint).toBe(4);
  });

  it("an acknowledgement begun before a crash cannot commit after it", () => {
    const disk = newDisk();
    const tx = disk.begin(0);
    tx.pendingBatch = [{ key: "#offset", value: 1 }];
    disk.commit(tx);
    const ack = disk.begin(0);
    ack.pendingBatch = null;
    ack.checkpoint = 4;
    disk.crash();
    expect(() => disk.commit(ack)).toThrow(HarnessError);
    expect(disk.find(0)!.pendingBatch).toEqual([{ key: "#offset", value: 1 }]);
    expect(disk.find(0)!.checkpoint).toBe(-1);
  });

  it("snapshot is a plain copy of state, dedupe IDs and next offset", () => {
    const disk = newDisk();
    const tx = disk.begin(0).put("a", 1).addDedupe("d", 0);
    tx.nextOffset = 1;
    const store = disk.commit(tx);
    const snap = store.snapshot();
    expect(snap).toEqual({ state: new Map([["a", 1]]), dedupe: new Map([["d", 0]]), nextOffset: 1 });
    (snap.state as Map<string, unknown>).set("a", 99);
    (snap.dedupe as Map<string, number>).delete("d");
    expect(store.get("a")).toBe(1);
    expect(store.hasDedupe("d")).toBe(true);
    disk.commit(disk.begin(0).put("b", 2));
    expect(snap.state.has("b")).toBe(false);
  });
});
