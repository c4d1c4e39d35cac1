/**
 * The durable part of a service's store, on the instance's simulated disk: namespaces of
 * encoded values, and for the namespaces logged to a changelog partition, how far the local
 * copy is known to match the changelog (its checkpoint) and the committed changes not yet
 * acknowledged by the broker. A transaction applies here atomically or not at all; what a
 * service had not committed lives in its memory and dies with it, so a crash loses nothing
 * here; a wipe loses everything.
 *
 * Values are stored encoded (JSON text), so a read always hands back a fresh copy.
 */

/** A namespace's physical name: `name` alone, or `name/partition` for a partition's namespace. */
export function physicalName(name: string, partition: number | undefined): string {
  return partition === undefined ? name : `${name}/${partition}`;
}

/** One write of a transaction: encoded value, or null to delete. */
export type StoreWrite = readonly [namespace: string, key: string, value: string | null];

/** Changes committed locally for one changelog partition and not yet acknowledged. */
export interface UnsentBatch {
  /** Fencing epoch the changes were committed under (-1: unfenced). */
  readonly epoch: number;
  readonly entries: readonly { readonly key: string; readonly value: { readonly s: string } | null }[];
}

/** Per changelog partition bookkeeping. */
interface LoggedPartition {
  /** Changelog end offset the local copy is known to match; -1 when never synced. */
  checkpoint: number;
  unsent: UnsentBatch[];
}

export class ServiceDisk {
  private namespaces = new Map<string, Map<string, string>>();
  private logged = new Map<number, LoggedPartition>();

  /** A crash: nothing uncommitted is on the disk (transactions commit atomically). */
  crash(): void {}

  /** Number of namespaces on the disk (what a wipe empties). */
  get namespaceCount(): number {
    return this.namespaces.size;
  }

  /** A new empty disk. */
  wipe(): void {
    this.namespaces = new Map();
    this.logged = new Map();
  }

  get(namespace: string, key: string): string | undefined {
    return this.namespaces.get(namespace)?.get(key);
  }

  /** Entries of `namespace` with `from <= key < to` (bounds optional), in key order. */
  scan(namespace: string, from?: string, to?: string): Array<[string, string]> {
    const ns = this.namespaces.get(namespace);
    if (ns === undefined) return [];
    const out: Array<[string, string]> = [];
    for (const entry of ns) if ((from === undefined || entry[0] >= from) && (to === undefined || entry[0] < to)) out.push(entry);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Decoded copy of a namespace (for checkers). */
  contents(namespace: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const [key, value] of this.scan(namespace)) out.set(key, JSON.parse(value));
    return out;
  }

  /** Names of every namespace on the disk, sorted (for reports). */
  names(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  /** Names of the namespaces of `partition` (`name/partition`). */
  partitionNamespaces(partition: number): string[] {
    const suffix = `/${partition}`;
    return [...this.namespaces.keys()].filter((name) => name.endsWith(suffix)).sort();
  }

  /** Apply `writes` atomically; logged changes are queued under `epoch` per changelog partition. */
  commit(writes: readonly StoreWrite[], loggedPartitionOf: (namespace: string) => number | undefined, epochOf: (partition: number) => number): number[] {
    const batches = new Map<number, { key: string; value: { s: string } | null }[]>();
    for (const [namespace, key, value] of writes) {
      let ns = this.namespaces.get(namespace);
      if (ns === undefined) this.namespaces.set(namespace, (ns = new Map()));
      if (value === null) ns.delete(key);
      else ns.set(key, value);
      const partition = loggedPartitionOf(namespace);
      if (partition === undefined) continue;
      let batch = batches.get(partition);
      if (batch === undefined) batches.set(partition, (batch = []));
      batch.push({ key: changelogKey(namespace, key), value: value === null ? null : { s: value } });
    }
    for (const [partition, entries] of batches) this.loggedOf(partition).unsent.push({ epoch: epochOf(partition), entries });
    return [...batches.keys()].sort((a, b) => a - b);
  }

  /** The oldest unsent batch of `partition`, if any. */
  firstUnsent(partition: number): UnsentBatch | undefined {
    return this.logged.get(partition)?.unsent[0];
  }

  /** The broker acknowledged (or refused for good) the oldest unsent batch of `partition`. */
  dropFirstUnsent(partition: number): void {
    this.logged.get(partition)?.unsent.shift();
  }

  /** Drop every unsent batch of `partition` (the local copy is being replaced). */
  dropUnsent(partition: number): void {
    const logged = this.logged.get(partition);
    if (logged !== undefined) logged.unsent = [];
  }

  /** Re-date the unsent batches of `partition` to `epoch` (their owner restored it again and keeps them). */
  reEpoch(partition: number, epoch: number): void {
    const logged = this.logged.get(partition);
    if (logged !== undefined) logged.unsent = logged.unsent.map((batch) => ({ epoch, entries: batch.entries }));
  }

  checkpoint(partition: number): number {
    return this.logged.get(partition)?.checkpoint ?? -1;
  }

  setCheckpoint(partition: number, offset: number): void {
    this.loggedOf(partition).checkpoint = offset;
  }

  /** Replace the namespaces of `partition` with restored ones, atomically. */
  install(partition: number, restored: ReadonlyMap<string, Map<string, string>>, checkpoint: number): void {
    for (const name of this.partitionNamespaces(partition)) this.namespaces.delete(name);
    for (const [name, ns] of restored) this.namespaces.set(name, ns);
    const logged = this.loggedOf(partition);
    logged.checkpoint = checkpoint;
    logged.unsent = [];
  }

  private loggedOf(partition: number): LoggedPartition {
    let logged = this.logged.get(partition);
    if (logged === undefined) this.logged.set(partition, (logged = { checkpoint: -1, unsent: [] }));
    return logged;
  }
}

/** Changelog key of a namespace's key (the namespace travels with it, so a restore can split them). */
export function changelogKey(namespace: string, key: string): string {
  return `${namespace}\u0000${key}`;
}

/** The key of the epoch marker a new owner writes before restoring. */
export const epochMarkerKey = "\u0000epoch";
