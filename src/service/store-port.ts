/**
 * The host side of the service store: reads answered at once from the disk, commits and
 * restores as operations of the life. A namespace named `name/<partition>` belongs to that
 * partition: when the service has a changelog topic, its committed changes are sent there
 * (after the local commit, fenced with the epoch of the life's last restore of the partition,
 * resent until acknowledged), and `restore(partition)` rebuilds the partition's namespaces
 * from it, as Kafka Streams' logged stores do. A restore first writes an epoch marker under
 * the group's current generation, so the broker refuses a zombie's later changelog writes,
 * and keeps the local copy when nothing but epoch markers follows its checkpoint.
 */
import type { BrokerClient } from "../broker/broker-client.ts";
import type { GroupClient } from "../broker/group-client.ts";
import type { LogRecord } from "../broker/log-record.ts";
import { SendOutcome, SendTarget } from "../broker/send-outcome.ts";
import type { Settle } from "../kafkajs/sim-port.ts";
import { type Life, type Operation, OperationKind } from "./life.ts";
import type { ReadFacts } from "./read-facts.ts";
import { epochMarkerKey, type ServiceDisk, type StoreWrite } from "./service-disk.ts";

/** The store as the in-sandbox facade reaches it. */
export interface StorePort {
  /** A read; recorded as a read fact of `reader` when one is given. */
  get(namespace: string, key: string, reader?: string): string | undefined;
  scan(namespace: string, from: string | undefined, to: string | undefined, reader?: string): Array<[string, string]>;
  commit(writes: readonly StoreWrite[], settle: Settle<void>): void;
  restore(partition: number, settle: Settle<void>): void;
}

/** The lane of the store's commits. */
const storeLane = 2;

/** Changelog records read per restore step (small, so restores span steps and race faults). */
const restorePage = 4;

class Op implements Operation {
  constructor(
    readonly kind: OperationKind,
    readonly run: () => void,
    /** Commits apply in the order they were made (one writer to the embedded store). */
    readonly lane = 0,
  ) {}
  ready(): boolean {
    return true;
  }
}

type ChangelogValue = { readonly s: string } | { readonly epoch: number } | null;

export class WorldStorePort implements StorePort {
  /** Epoch of this life's last restore of each partition. */
  private readonly epochs = new Map<number, number>();
  /** Partitions whose namespaces this life restored or committed to since it last joined (cleared by the instance). */
  readonly touched = new Set<number>();

  constructor(
    private readonly life: Life,
    private readonly disk: ServiceDisk,
    private readonly broker: BrokerClient,
    private readonly group: GroupClient,
    private readonly partitions: number,
    private readonly logged: boolean,
    /** Where reads made through a named reader are recorded. */
    private readonly facts: ReadFacts,
    /** The schedule's intent being played (for read facts). */
    private readonly step: () => number,
  ) {}

  get(namespace: string, key: string, reader?: string): string | undefined {
    const text = this.disk.get(namespace, key);
    if (reader !== undefined) this.record(reader, namespace, false, undefined, undefined, [[key, text ?? null]]);
    return text;
  }

  scan(namespace: string, from: string | undefined, to: string | undefined, reader?: string): Array<[string, string]> {
    const rows = this.disk.scan(namespace, from, to);
    if (reader !== undefined) this.record(reader, namespace, true, from, to, rows);
    return rows;
  }

  private record(reader: string, namespace: string, scan: boolean, from: string | undefined, to: string | undefined, entries: readonly (readonly [string, string | null])[]): void {
    const life = this.life;
    this.facts.record({ reader, instance: life.instance, life: life.number, source: "store", namespace, scan, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), entries, step: this.step() });
  }

  /** The changelog partition `namespace` is logged to, or undefined. */
  private partitionOf(namespace: string): number | undefined {
    return this.logged ? partitionOfName(namespace, this.partitions) : undefined;
  }

  commit(writes: readonly StoreWrite[], settle: Settle<void>): void {
    this.life.await(new Op(OperationKind.storeCommit, () => {
      for (const [namespace] of writes) {
        const partition = this.partitionOf(namespace) ?? partitionOfName(namespace, this.partitions);
        if (partition !== undefined) this.touched.add(partition);
      }
      const touched = this.disk.commit(writes, (ns) => this.partitionOf(ns), (p) => this.epochs.get(p) ?? -1);
      this.flush(touched, 0, settle);
    }, storeLane));
  }

  /** Send the unsent changes of `partitions[i..]`, one request per step, then settle. */
  private flush(partitions: readonly number[], i: number, settle: Settle<void>): void {
    if (i >= partitions.length) return settle(null);
    const partition = partitions[i];
    const batch = this.disk.firstUnsent(partition);
    if (batch === undefined) return this.flush(partitions, i + 1, settle);
    this.life.await(new Op(OperationKind.storeChangelog, () => {
      if (this.disk.firstUnsent(partition)?.id !== batch.id) return this.flush(partitions, i, settle); // sent (or re-dated) meanwhile by another flush
      const base = this.broker.endOffset(SendTarget.changelog, partition);
      const outcome = this.broker.produce(SendTarget.changelog, partition, batch.entries, batch.epoch);
      if (outcome === SendOutcome.fenced) {
        // The partition has a newer owner: these changes will never be accepted, and the local
        // copy, which holds them, no longer matches the changelog (a later restore rebuilds it).
        this.disk.dropUnsent(partition);
        this.disk.setCheckpoint(partition, -1);
        return settle("INVALID_PRODUCER_EPOCH");
      }
      if (outcome === SendOutcome.acked) {
        this.disk.dropFirstUnsent(partition);
        if (this.disk.checkpoint(partition) === base) this.disk.setCheckpoint(partition, base + batch.entries.length);
      }
      this.flush(partitions, i, settle); // lost or ambiguous: resend (the next step)
    }));
  }

  restore(partition: number, settle: Settle<void>): void {
    this.touched.add(partition);
    if (!this.logged) {
      this.life.await(new Op(OperationKind.storeRestore, () => settle(null)));
      return;
    }
    this.life.await(new Op(OperationKind.storeRestore, () => {
      // Fenced with the generation in which this member owns the partition: a restore that
      // settles after the partition moved on must not take the new owner's epoch.
      const group = this.group;
      if (!group.isMember() || !group.assignment().includes(partition)) return settle("INVALID_PRODUCER_EPOCH");
      const epoch = group.generation;
      const outcome = this.broker.produce(SendTarget.changelog, partition, [{ key: epochMarkerKey, value: { epoch } }], epoch);
      if (outcome === SendOutcome.fenced) return settle("INVALID_PRODUCER_EPOCH");
      if (outcome !== SendOutcome.acked) return this.restore(partition, settle); // try the marker again
      this.epochs.set(partition, epoch);
      if (this.localCopyCurrent(partition)) {
        this.disk.setCheckpoint(partition, this.broker.endOffset(SendTarget.changelog, partition));
        // Changes committed here but never acknowledged are still this owner's: send them now.
        return this.flushUnsentUnder(partition, epoch, settle);
      }
      this.disk.dropUnsent(partition);
      this.readPage(partition, this.broker.startOffset(SendTarget.changelog, partition), new Map(), settle);
    }));
  }

  private flushUnsentUnder(partition: number, epoch: number, settle: Settle<void>): void {
    this.disk.reEpoch(partition, epoch);
    this.flush([partition], 0, settle);
  }

  /** Whether nothing but epoch markers follows the local checkpoint of `partition`. */
  private localCopyCurrent(partition: number): boolean {
    const checkpoint = this.disk.checkpoint(partition);
    if (checkpoint < 0 || checkpoint < this.broker.startOffset(SendTarget.changelog, partition)) return false;
    const end = this.broker.endOffset(SendTarget.changelog, partition);
    for (let at = checkpoint; at < end; ) {
      const records = this.broker.fetch(SendTarget.changelog, partition, at, 64);
      if (records.length === 0) break;
      for (const r of records) if (r.key !== epochMarkerKey) return false;
      at = records[records.length - 1].offset + 1;
    }
    return true;
  }

  private readPage(partition: number, from: number, restored: Map<string, Map<string, string>>, settle: Settle<void>): void {
    this.life.await(new Op(OperationKind.storeRestore, () => {
      const end = this.broker.endOffset(SendTarget.changelog, partition);
      const records = from < end ? this.broker.fetch(SendTarget.changelog, partition, from, restorePage) : [];
      for (const record of records as readonly LogRecord<ChangelogValue>[]) apply(restored, record);
      if (records.length === 0 || records[records.length - 1].offset + 1 >= end) {
        this.disk.install(partition, restored, end);
        return settle(null);
      }
      this.readPage(partition, records[records.length - 1].offset + 1, restored, settle);
    }));
  }
}

/** The partition a namespace named `name/<partition>` belongs to, or undefined. */
export function partitionOfName(namespace: string, partitions: number): number | undefined {
  const at = namespace.lastIndexOf("/");
  if (at < 0) return undefined;
  const partition = Number(namespace.slice(at + 1));
  return Number.isInteger(partition) && partition >= 0 && partition < partitions ? partition : undefined;
}

/** A namespace as the changelog records rebuild it (decoded values), for checkers. */
export function namespaceFromChangelog(records: readonly LogRecord<unknown>[], namespace: string): Map<string, unknown> {
  const restored = new Map<string, Map<string, string>>();
  for (const record of records as readonly LogRecord<ChangelogValue>[]) apply(restored, record);
  const out = new Map<string, unknown>();
  for (const [key, text] of restored.get(namespace) ?? []) out.set(key, JSON.parse(text));
  return out;
}

/** Apply one changelog record to namespaces being restored. */
function apply(restored: Map<string, Map<string, string>>, record: LogRecord<ChangelogValue>): void {
  if (record.key === epochMarkerKey) return;
  const at = record.key.indexOf("\u0000");
  if (at < 0) return;
  const namespace = record.key.slice(0, at);
  const key = record.key.slice(at + 1);
  let ns = restored.get(namespace);
  if (ns === undefined) restored.set(namespace, (ns = new Map()));
  const value = record.value;
  if (value === null) ns.delete(key);
  else if ("s" in value) ns.set(key, value.s);
}
