/**
 * An instance's disk and the store on it: one {@link PartitionStore} namespace per partition
 * the instance has held. The service reaches it as a {@link StoreClient}; the world crashes
 * and wipes it.
 *
 * Crash semantics: `crash()` bumps the epoch so transactions begun before it can never
 * commit (uncommitted work is lost, committed work survives); `wipe()` empties the disk (disk
 * loss). Namespaces of partitions the instance no longer owns stay on disk: when a partition
 * comes back, its stale store and checkpoint are still there.
 *
 * Every commit and restore is recorded (`Op.storeCommit`: namespace, next offset, state
 * hash), and, when asked at construction, the dedupe set's size after each commit that
 * changed it (`Op.dedupeSize`, for the bounds checker). A restore is also recorded as one
 * (`Op.storeRestore`, with the changelog offset it reached), and so is every namespace the
 * disk hands back to its instance through `find` (`Op.storeOpen`: a local store the instance
 * may reuse), so the restoration checker can hold every store an instance starts from
 * against the changelog and the committed offset.
 *
 * The namespaces themselves are kept by a {@link NamespaceStore}: in memory (the default), or
 * in a SQLite database (`store: "sqlite"`); the disk's semantics are the same on either.
 */
import { type History, Op } from "../core/history.ts";
import { invariant } from "../core/invariant.ts";
import { storeSlot } from "../core/packed-fields.ts";
import { type LocalNamespace, MemoryNamespaces, type NamespaceStore } from "./namespace-store.ts";
import type { RestoredContents, StoreClient } from "./store-client.ts";
import { Transaction } from "./transaction.ts";

/** What the disk records besides its commits. */
export interface DiskRecording {
  readonly history: History;
  /** The owning instance (recorded with each commit). */
  readonly instance: number;
  /** Record the dedupe set's size after commits that change it. */
  readonly dedupeSizes: boolean;
}

export class Disk implements StoreClient {
  private epoch = 0;

  constructor(
    private readonly recording: DiskRecording | null = null,
    private readonly namespaces: NamespaceStore = new MemoryNamespaces(),
  ) {}

  find(partition: number): LocalNamespace | undefined {
    const store = this.namespaces.get(partition);
    const recording = this.recording;
    if (store !== undefined && recording !== null) recording.history.record(Op.storeOpen, storeSlot(recording.instance, partition), store.nextOffset, store.checkpoint);
    return store;
  }

  /** The namespace of `partition`, unrecorded: eosim's own look at the disk (the world's view after a run), never the instance's. */
  peek(partition: number): LocalNamespace | undefined {
    return this.namespaces.get(partition);
  }

  begin(partition: number): Transaction {
    return new Transaction(partition, this.epoch);
  }

  commit(tx: Transaction): LocalNamespace {
    invariant(tx.epoch === this.epoch, "a transaction begun before a crash was committed after it");
    const store = this.namespaces.get(tx.partition) ?? this.namespaces.create(tx.partition);
    store.apply(tx);
    this.recordCommit(store, tx.dedupeAdds.length + tx.dedupeRemoves.length > 0);
    return store;
  }

  restore(partition: number, contents: RestoredContents): LocalNamespace {
    const store = this.namespaces.install(partition, contents);
    const recording = this.recording;
    if (recording !== null) recording.history.record(Op.storeRestore, storeSlot(recording.instance, partition), store.nextOffset, contents.checkpoint);
    this.recordCommit(store, contents.dedupe.size > 0);
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

  /** Number of namespaces on this disk. */
  get namespaceCount(): number {
    return this.namespaces.size;
  }

  /** Partitions with a namespace on this disk, ascending. */
  partitions(): number[] {
    return this.namespaces.partitions();
  }

  /** Release the namespaces (a SQLite database, with `store: "sqlite"`): the run is over. */
  close(): void {
    this.namespaces.close();
  }

  private recordCommit(store: LocalNamespace, dedupeChanged: boolean): void {
    const recording = this.recording;
    if (recording === null) return;
    const slot = storeSlot(recording.instance, store.partition);
    recording.history.record(Op.storeCommit, slot, store.nextOffset, store.stateHash());
    if (dedupeChanged && recording.dedupeSizes) recording.history.record(Op.dedupeSize, slot, store.dedupeSize);
  }
}
