/**
 * Where a disk keeps its partitions' namespaces: the seam the scenario's `store` option
 * chooses at. The disk (`disk.ts`) records, checks crash epochs and hands namespaces out; a
 * namespace store only holds them: in memory (`MemoryNamespaces`, the default) or in a SQLite
 * database (`sqlite-namespaces.ts`). Both apply a transaction atomically, keep everything
 * until `clear` (a wipe), and leave a namespace that `install` replaced as it was for whoever
 * still holds it.
 */
import { PartitionStore } from "./partition-store.ts";
import type { RestoredContents, StoreNamespace, StoreSnapshot } from "./store-client.ts";
import type { Transaction } from "./transaction.ts";

/** A namespace as the disk sees it: the service's view, plus what the disk records and applies. */
export interface LocalNamespace extends StoreNamespace {
  /** Apply a transaction atomically (the disk checked it is still valid). */
  apply(tx: Transaction): void;
  /** The order-independent hash of the state (what the store records with every commit). */
  stateHash(): number;
  /** A plain copy of the state, dedupe IDs and next offset. */
  snapshot(): StoreSnapshot;
}

/** A disk's namespaces, by partition. */
export interface NamespaceStore {
  get(partition: number): LocalNamespace | undefined;
  /** A new empty namespace for `partition` (it has none). */
  create(partition: number): LocalNamespace;
  /** Replace `partition`'s namespace with restored contents (taken over: the caller keeps no reference). */
  install(partition: number, contents: RestoredContents): LocalNamespace;
  /** Lose every namespace (disk loss). */
  clear(): void;
  /** Number of namespaces. */
  readonly size: number;
  /** Partitions with a namespace, ascending. */
  partitions(): number[];
  /** Release what the store holds (the run is over). */
  close(): void;
}

/** The namespaces in memory, one {@link PartitionStore} each. */
export class MemoryNamespaces implements NamespaceStore {
  private readonly namespaces = new Map<number, PartitionStore>();

  get(partition: number): PartitionStore | undefined {
    return this.namespaces.get(partition);
  }

  create(partition: number): PartitionStore {
    const store = new PartitionStore(partition);
    this.namespaces.set(partition, store);
    return store;
  }

  install(partition: number, contents: RestoredContents): PartitionStore {
    const store = new PartitionStore(partition, contents);
    this.namespaces.set(partition, store);
    return store;
  }

  clear(): void {
    this.namespaces.clear();
  }

  get size(): number {
    return this.namespaces.size;
  }

  partitions(): number[] {
    return [...this.namespaces.keys()].sort((a, b) => a - b);
  }

  close(): void {}
}
