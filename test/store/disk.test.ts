import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/core/invariant.ts";
import { Disk } from "../../src/store/disk.ts";
import { PartitionStore } from "../../src/store/partition-store.ts";

describe("Disk + Transaction", () => {
  it("a committed transaction applies all writes, dedupe IDs, next offset, pending batch and outbox", () => {
    const disk = new Disk();
    const tx = disk.begin(2).put("a", 1).put("b", { x: 2 }).addDedupe("p0-0", 3).addDedupe("p0-1", 4);
    tx.nextOffset = 5;
    tx.pendingBatch = [{ key: "s:a", value: 1 }];
    tx.outbox = [{ outputId: "p0-1/o0", payload: 1 }];
    const store = disk.commit(tx);
    expect(store).toBe(disk.find(2));
    expect(store.partition).toBe(2);
    expect([...store.state]).toEqual([["a", 1], ["b", { x: 2 }]]);
    expect([...store.dedupe]).toEqual([["p0-0", 3], ["p0-1", 4]]);
    expect(store.nextOffset).toBe(5);
    expect(store.pendingBatch).toEqual([{ key: "s:a", value: 1 }]);
    expect(store.outbox).toEqual([{ outputId: "p0-1/o0", payload: 1 }]);
    expect(store.outboxAcked).toBe(false);
  });

  it("removeDedupe expires dedupe IDs; removals apply before additions", () => {
    const disk = new Disk();
    disk.commit(disk.begin(0).addDedupe("a", 0).addDedupe("b", 1));
    const store = disk.commit(disk.begin(0).removeDedupe("a").removeDedupe("c").removeDedupe("d").addDedupe("d", 7));
    expect([...store.dedupe]).toEqual([["b", 1], ["d", 7]]);
  });

  it("writes apply in order; null deletes", () => {
    const disk = new Disk();
    disk.commit(disk.begin(0).put("a", 1).put("b", 2));
    const store = disk.commit(disk.begin(0).put("a", 3).put("a", null).put("b", 4).put("b", 5));
    expect([...store.state]).toEqual([["b", 5]]);
  });

  it("a transaction that leaves fields undefined does not touch them", () => {
    const disk = new Disk();
    const tx = disk.begin(0).put("a", 1);
    tx.nextOffset = 3;
    tx.pendingBatch = [{ key: "k", value: 1 }];
    tx.outbox = [];
    disk.commit(tx);
    const store = disk.commit(disk.begin(0).put("b", 2));
    expect(store.nextOffset).toBe(3);
    expect(store.pendingBatch).toEqual([{ key: "k", value: 1 }]);
    expect(store.outboxAcked).toBe(true);
    expect(store.state.get("a")).toBe(1);
  });

  it("an empty outbox counts as acknowledged", () => {
    const disk = new Disk();
    const tx = disk.begin(0);
    tx.outbox = [];
    expect(disk.commit(tx).outboxAcked).toBe(true);
  });

  it("an uncommitted transaction has no effect", () => {
    const disk = new Disk();
    const tx = disk.begin(1).put("a", 1).addDedupe("x");
    tx.nextOffset = 9;
    expect(disk.find(1)).toBeUndefined();
    expect(disk.partitions()).toEqual([]);
    disk.commit(disk.begin(1).put("b", 2));
    const store = disk.find(1)!;
    expect(store.state.has("a")).toBe(false);
    expect(store.dedupe.size).toBe(0);
    expect(store.nextOffset).toBe(0);
  });

  it("a transaction begun before crash() throws HarnessError on commit and changes nothing", () => {
    const disk = new Disk();
    disk.commit(disk.begin(0).put("a", 1));
    const tx = disk.begin(0).put("a", 2).addDedupe("x");
    disk.crash();
    expect(() => disk.commit(tx)).toThrow(HarnessError);
    expect(disk.find(0)!.state.get("a")).toBe(1);
    expect(disk.find(0)!.dedupe.has("x")).toBe(false);
  });

  it("a transaction begun after a crash commits", () => {
    const disk = new Disk();
    disk.crash();
    disk.commit(disk.begin(0).put("a", 1));
    expect(disk.find(0)!.state.get("a")).toBe(1);
  });

  it("committed data survives crash()", () => {
    const disk = new Disk();
    const tx = disk.begin(0).put("a", 1).addDedupe("d");
    tx.nextOffset = 4;
    disk.commit(tx);
    disk.find(0)!.markChangelogAcked(12);
    disk.crash();
    const store = disk.find(0)!;
    expect(store.state.get("a")).toBe(1);
    expect(store.dedupe.has("d")).toBe(true);
    expect(store.nextOffset).toBe(4);
    expect(store.checkpoint).toBe(12);
  });

  it("wipe() removes every namespace and fences open transactions", () => {
    const disk = new Disk();
    disk.commit(disk.begin(0).put("a", 1));
    disk.commit(disk.begin(3).put("b", 1));
    const tx = disk.begin(0).put("c", 1);
    disk.wipe();
    expect(disk.partitions()).toEqual([]);
    expect(disk.find(0)).toBeUndefined();
    expect(disk.find(3)).toBeUndefined();
    expect(() => disk.commit(tx)).toThrow(HarnessError);
  });

  it("open() creates an empty namespace once; partitions() is ascending", () => {
    const disk = new Disk();
    const s5 = disk.open(5);
    disk.open(1);
    expect(disk.open(5)).toBe(s5);
    expect(s5.nextOffset).toBe(0);
    expect(s5.checkpoint).toBe(-1);
    expect(disk.partitions()).toEqual([1, 5]);
  });

  it("install() replaces a namespace", () => {
    const disk = new Disk();
    disk.commit(disk.begin(2).put("old", 1));
    const fresh = new PartitionStore(2);
    fresh.state.set("new", 2);
    disk.install(fresh);
    expect(disk.find(2)).toBe(fresh);
    expect(disk.commit(disk.begin(2).put("x", 3))).toBe(fresh);
    expect([...fresh.state.keys()]).toEqual(["new", "x"]);
  });

  it("namespaces are independent", () => {
    const disk = new Disk();
    disk.commit(disk.begin(0).put("a", 1));
    disk.commit(disk.begin(1).put("a", 2));
    expect(disk.find(0)!.state.get("a")).toBe(1);
    expect(disk.find(1)!.state.get("a")).toBe(2);
  });

  it("markChangelogAcked clears the pending batch and sets the checkpoint; markOutboxAcked acks the outbox", () => {
    const disk = new Disk();
    const tx = disk.begin(0);
    tx.pendingBatch = [{ key: "#offset", value: 1 }];
    tx.outbox = [{ outputId: "o", payload: 1 }];
    const store = disk.commit(tx);
    store.markChangelogAcked(4);
    expect(store.pendingBatch).toBeNull();
    expect(store.checkpoint).toBe(4);
    expect(store.outboxAcked).toBe(false);
    store.markOutboxAcked();
    expect(store.outboxAcked).toBe(true);
  });
});
