/**
 * The durable part of a service's store, on the instance's simulated disk: namespaces of
 * encoded values, and for the namespaces logged to a changelog partition, how far the local
 * copy is known to match the changelog (its checkpoint) and the committed changes not yet
 * acknowledged by the broker. The seam where a store implementation is chosen (the scenario's
 * `store` option): the in-memory disk (`memory-service-disk.ts`) or an embedded SQLite
 * database (`sqlite-service-disk.ts`), with the same semantics:
 *
 * - a commit applies its writes, and queues their changelog batches, atomically or not at all;
 * - a crash loses nothing committed: what a service had not committed lives in its memory (the
 *   store facade's write set) and dies with it;
 * - a wipe loses everything (the database is deleted);
 * - scans and namespace listings are in key order (UTF-16 code units, as JavaScript compares
 *   strings), so both implementations give the same history for the same schedule.
 *
 * Values are stored encoded (JSON text), so a read always hands back a fresh copy.
 */

/** A namespace's physical name: `name` alone, or `name/partition` for a partition's namespace. */
export function physicalName(name: string, partition: number | undefined): string {
  return partition === undefined ? name : `${name}/${partition}`;
}

/** One write of a transaction: encoded value, or null to delete. */
export type StoreWrite = readonly [namespace: string, key: string, value: string | null];

/** One change of a changelog batch: the changelog key (`changelogKey`) and the encoded value, or null to delete. */
export interface UnsentEntry {
  readonly key: string;
  readonly value: { readonly s: string } | null;
}

/** Changes committed locally for one changelog partition and not yet acknowledged. */
export interface UnsentBatch {
  /**
   * Identity of the batch as queued: a batch re-dated (`reEpoch`) or queued later gets a new
   * one, never a reused one, so a send in flight can tell whether its batch is still the first.
   */
  readonly id: number;
  /** Fencing epoch the changes were committed under (-1: unfenced). */
  readonly epoch: number;
  readonly entries: readonly UnsentEntry[];
}

/** A service instance's disk (see the module header). */
export interface ServiceDisk {
  /** A crash: nothing uncommitted is on the disk (transactions commit atomically). */
  crash(): void;
  /** Number of namespaces on the disk (what a wipe empties); a namespace whose keys were all deleted still counts. */
  readonly namespaceCount: number;
  /** A new empty disk. */
  wipe(): void;
  /** The encoded value of `key` in `namespace`, or undefined. */
  get(namespace: string, key: string): string | undefined;
  /** Entries of `namespace` with `from <= key < to` (bounds optional), in key order. */
  scan(namespace: string, from?: string, to?: string): Array<[string, string]>;
  /** Decoded copy of a namespace (for checkers). */
  contents(namespace: string): Map<string, unknown>;
  /** Names of every namespace on the disk, sorted (for reports). */
  names(): string[];
  /** Names of the namespaces of `partition` (`name/partition`), in order. */
  partitionNamespaces(partition: number): string[];
  /**
   * Apply `writes` atomically; the writes to logged namespaces are queued, in the same
   * commit, as one batch under `epochOf(partition)` per changelog partition. Returns those
   * partitions, ascending.
   */
  commit(writes: readonly StoreWrite[], loggedPartitionOf: (namespace: string) => number | undefined, epochOf: (partition: number) => number): number[];
  /** The oldest unsent batch of `partition`, if any. */
  firstUnsent(partition: number): UnsentBatch | undefined;
  /** The broker acknowledged (or refused for good) the oldest unsent batch of `partition`. */
  dropFirstUnsent(partition: number): void;
  /** Drop every unsent batch of `partition` (the local copy is being replaced). */
  dropUnsent(partition: number): void;
  /** Re-date the unsent batches of `partition` to `epoch` (their owner restored it again and keeps them). */
  reEpoch(partition: number, epoch: number): void;
  /** Changelog end offset the local copy of `partition` is known to match; -1 when never synced. */
  checkpoint(partition: number): number;
  setCheckpoint(partition: number, offset: number): void;
  /**
   * Replace the namespaces of `partition` with restored ones, atomically (its unsent batches
   * go too). The disk may take the maps over: the caller must not keep or change them.
   */
  install(partition: number, restored: ReadonlyMap<string, Map<string, string>>, checkpoint: number): void;
  /** Release what the disk holds (the run is over); the disk is not used afterwards. */
  close(): void;
}

/** Changelog key of a namespace's key (the namespace travels with it, so a restore can split them). */
export function changelogKey(namespace: string, key: string): string {
  return `${namespace}\u0000${key}`;
}

/** The key of the epoch marker a new owner writes before restoring. */
export const epochMarkerKey = "\u0000epoch";

/** Key order: UTF-16 code units, as JavaScript's `<` compares strings. */
export function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
