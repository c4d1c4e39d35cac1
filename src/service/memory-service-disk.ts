/**
 * The in-memory service disk (the default, `store: "memory"`): namespaces as maps of encoded
 * values, and per changelog partition its checkpoint and unsent batches. Everything here is
 * durable in the simulation's sense: a crash leaves it as it is, a wipe replaces it with an
 * empty disk. See `service-disk.ts` for the semantics every disk shares.
 */
import { byKey, changelogKey, type ServiceDisk, type StoreWrite, type UnsentBatch, type UnsentEntry } from "./service-disk.ts";

/** Per changelog partition bookkeeping. */
interface LoggedPartition {
  /** Changelog end offset the local copy is known to match; -1 when never synced. */
  checkpoint: number;
  unsent: UnsentBatch[];
}

/** A service disk in memory (the default store). */
export class MemoryServiceDisk implements ServiceDisk {
  private namespaces = new Map<string, Map<string, string>>();
  private logged = new Map<number, LoggedPartition>();
  /** Last batch identity handed out (never reset, not even by a wipe: identities are never reused). */
  private lastBatchId = 0;

  crash(): void {}

  get namespaceCount(): number {
    return this.namespaces.size;
  }

  wipe(): void {
    this.namespaces = new Map();
    this.logged = new Map();
  }

  get(namespace: string, key: string): string | undefined {
    return this.namespaces.get(namespace)?.get(key);
  }

  scan(namespace: string, from?: string, to?: string): Array<[string, string]> {
    const ns = this.namespaces.get(namespace);
    if (ns === undefined) return [];
    const out: Array<[string, string]> = [];
    for (const entry of ns) if ((from === undefined || entry[0] >= from) && (to === undefined || entry[0] < to)) out.push(entry);
    return out.sort(byKey);
  }

  contents(namespace: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const [key, value] of this.scan(namespace)) out.set(key, JSON.parse(value));
    return out;
  }

  names(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  partitionNamespaces(partition: number): string[] {
    const suffix = `/${partition}`;
    return [...this.namespaces.keys()].filter((name) => name.endsWith(suffix)).sort();
  }

  commit(writes: readonly StoreWrite[], loggedPartitionOf: (namespace: string) => number | undefined, epochOf: (partition: number) => number): number[] {
    const batches = new Map<number, UnsentEntry[]>();
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
    for (const [partition, entries] of batches) this.loggedOf(partition).unsent.push({ id: ++this.lastBatchId, epoch: epochOf(partition), entries });
    return [...batches.keys()].sort((a, b) => a - b);
  }

  firstUnsent(partition: number): UnsentBatch | undefined {
    return this.logged.get(partition)?.unsent[0];
  }

  dropFirstUnsent(partition: number): void {
    this.logged.get(partition)?.unsent.shift();
  }

  dropUnsent(partition: number): void {
    const logged = this.logged.get(partition);
    if (logged !== undefined) logged.unsent = [];
  }

  reEpoch(partition: number, epoch: number): void {
    const logged = this.logged.get(partition);
    if (logged !== undefined) logged.unsent = logged.unsent.map((batch) => ({ id: ++this.lastBatchId, epoch, entries: batch.entries }));
  }

  checkpoint(partition: number): number {
    return this.logged.get(partition)?.checkpoint ?? -1;
  }

  setCheckpoint(partition: number, offset: number): void {
    this.loggedOf(partition).checkpoint = offset;
  }

  install(partition: number, restored: ReadonlyMap<string, Map<string, string>>, checkpoint: number): void {
    for (const name of this.partitionNamespaces(partition)) this.namespaces.delete(name);
    for (const [name, ns] of restored) this.namespaces.set(name, ns);
    const logged = this.loggedOf(partition);
    logged.checkpoint = checkpoint;
    logged.unsent = [];
  }

  close(): void {}

  private loggedOf(partition: number): LoggedPartition {
    let logged = this.logged.get(partition);
    if (logged === undefined) this.logged.set(partition, (logged = { checkpoint: -1, unsent: [] }));
    return logged;
  }
}
