/**
 * An instance's disk: one {@link PartitionStore} namespace per partition it has held.
 *
 * Crash semantics: `crash()` bumps the epoch so transactions begun before it can never
 * commit (uncommitted work is lost, committed work survives); `wipe()` replaces the disk with
 * an empty one (disk loss). Namespaces of partitions the instance no longer owns stay on disk:
 * when a partition comes back, its stale store and checkpoint are still there.
 */
import { invariant } from "../core/invariant.ts";
import { PartitionStore } from "./partition-store.ts";
import { Transaction } from "./transaction.ts";

export class Disk {
  private readonly namespaces = new Map<number, PartitionStore>();
  private epoch = 0;

  /** The namespace of `partition`, or undefined when the disk holds none. */
  find(partition: number): PartitionStore | undefined {
    return this.namespaces.get(partition);
  }

  /** The namespace of `partition`, created empty when absent. */
  open(partition: number): PartitionStore {
    let store = this.namespaces.get(partition);
    if (store === undefined) {
      store = new PartitionStore(partition);
      this.namespaces.set(partition, store);
    }
    return store;
  }

  /** Replace `partition`'s namespace with `store` (a completed restore). */
  install(store: PartitionStore): void {
    this.namespaces.set(store.partition, store);
  }

  /** Start a transaction on `partition`. */
  begin(partition: number): Transaction {
    return new Transaction(partition, this.epoch);
  }

  /** Apply `tx` atomically. */
  commit(tx: Transaction): PartitionStore {
    invariant(tx.epoch === this.epoch, "a transaction begun before a crash was committed after it");
    const store = this.open(tx.partition);
    store.apply(tx);
    return store;
  }

  /** The process died: open transactions can no longer commit. */
  crash(): void {
    this.epoch++;
  }

  /** Disk loss: every namespace is gone. */
  wipe(): void {
    this.namespaces.clear();
    this.epoch++;
  }

  /** Partitions with a namespace on this disk, ascending. */
  partitions(): number[] {
    return [...this.namespaces.keys()].sort((a, b) => a - b);
  }
}
