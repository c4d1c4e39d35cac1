/**
 * The store as a service sees it: an instance's own durable key/value store, one namespace
 * per partition, read directly and changed only by atomic transactions. Small on purpose, so
 * that a real embedded database can implement it too.
 *
 * A namespace holds the business state and the bookkeeping of the design eosim checks: the
 * next input offset, the dedupe IDs of applied inputs (with the offset they were applied at),
 * the changelog batch committed but not yet acknowledged, the outbox, and the changelog
 * offset the namespace is known to match (its checkpoint). The store records every
 * transaction it commits (`Op.storeCommit`: namespace, next offset, state hash), which is
 * what the atomicity and offsets checkers judge, and every restore it installs and namespace
 * it hands back through `find` (`Op.storeRestore`, `Op.storeOpen`), which the restoration
 * checker holds against the changelog and the committed offset.
 */
import type { Transaction } from "./transaction.ts";

/** A read-only view of one partition's namespace. */
export interface StoreNamespace {
  readonly partition: number;
  /** The committed value of `key`, or undefined. Values are immutable plain data. */
  get(key: string): unknown;
  /** Committed state entries with `from <= key < to` (either bound optional), in key order. */
  scan(from?: string, to?: string): Array<readonly [string, unknown]>;
  /** Number of state keys. */
  readonly stateSize: number;
  /** The next input offset to consume. */
  readonly nextOffset: number;
  /** Whether the input with dedupe ID `id` was applied. */
  hasDedupe(id: string): boolean;
  /** Dedupe IDs held, with the input offset each was applied at. */
  dedupeEntries(): IterableIterator<[string, number]>;
  /** Number of dedupe IDs held. */
  readonly dedupeSize: number;
  /** Changelog end offset this namespace was last known to match; -1 when never synced. */
  readonly checkpoint: number;
  /** Changelog records committed here but not yet acknowledged by the broker. */
  readonly pendingBatch: readonly unknown[] | null;
  /** Outputs of the last committed transaction. */
  readonly outbox: readonly unknown[];
  /** Whether the broker acknowledged the outbox. */
  readonly outboxAcked: boolean;
}

/** A plain copy of a namespace's contents, for checkers. */
export interface StoreSnapshot {
  readonly state: ReadonlyMap<string, unknown>;
  readonly dedupe: ReadonlyMap<string, number>;
  readonly nextOffset: number;
}

/**
 * What a restore rebuilt from the changelog, installed atomically by {@link StoreClient.restore}.
 * The store takes the maps over: the caller must not keep or change them afterwards.
 */
export interface RestoredContents {
  readonly state: ReadonlyMap<string, unknown>;
  readonly dedupe: ReadonlyMap<string, number>;
  readonly nextOffset: number;
  readonly outbox: readonly unknown[];
  /** The changelog end offset the replay reached. */
  readonly checkpoint: number;
}

/** One instance's store. */
export interface StoreClient {
  /** The namespace of `partition`, or undefined when the store holds none (a found one is recorded: the service may reuse it). */
  find(partition: number): StoreNamespace | undefined;
  /** Start a transaction on `partition`'s namespace. */
  begin(partition: number): Transaction;
  /** Apply `tx` atomically; returns the namespace after it. */
  commit(tx: Transaction): StoreNamespace;
  /** Replace `partition`'s namespace with restored contents, atomically. */
  restore(partition: number, contents: RestoredContents): StoreNamespace;
}
