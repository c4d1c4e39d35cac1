/**
 * One partition's namespace in an instance's internal key/value store (see
 * `store-client.ts` for what it holds). Everything here is durable: it survives a process
 * crash and is lost only when the disk is wiped. It changes only through {@link Transaction}s
 * applied by the disk; services read it through the {@link StoreNamespace} view.
 */
import { entryHash, stateHash } from "../core/state-hash.ts";
import type { RestoredContents, StoreNamespace, StoreSnapshot } from "./store-client.ts";
import type { Transaction } from "./transaction.ts";

export class PartitionStore implements StoreNamespace {
  private readonly state: Map<string, unknown>;
  private readonly dedupe: Map<string, number>;
  nextOffset = 0;
  checkpoint = -1;
  pendingBatch: readonly unknown[] | null = null;
  outbox: readonly unknown[] = [];
  outboxAcked = true;
  /**
   * {@link stateHash} of `state`, kept current by `apply` once computed; null until first
   * asked (a restore fills `state` directly, so its store starts unknown).
   */
  private stateHashNow: number | null = 0;

  constructor(
    readonly partition: number,
    restored?: RestoredContents,
  ) {
    // A restore hands its freshly built maps over (it keeps no reference): adopt, not copy.
    this.state = restored === undefined ? new Map() : (restored.state as Map<string, unknown>);
    this.dedupe = restored === undefined ? new Map() : (restored.dedupe as Map<string, number>);
    if (restored !== undefined) {
      this.nextOffset = restored.nextOffset;
      this.outbox = restored.outbox;
      this.outboxAcked = restored.outbox.length === 0;
      this.checkpoint = restored.checkpoint;
      this.stateHashNow = null;
    }
  }

  get(key: string): unknown {
    return this.state.get(key);
  }

  scan(from?: string, to?: string): Array<readonly [string, unknown]> {
    const keys: string[] = [];
    for (const key of this.state.keys()) if ((from === undefined || key >= from) && (to === undefined || key < to)) keys.push(key);
    keys.sort();
    return keys.map((key) => [key, this.state.get(key)] as const);
  }

  get stateSize(): number {
    return this.state.size;
  }

  hasDedupe(id: string): boolean {
    return this.dedupe.has(id);
  }

  dedupeEntries(): IterableIterator<[string, number]> {
    return this.dedupe.entries();
  }

  get dedupeSize(): number {
    return this.dedupe.size;
  }

  /** Apply a transaction atomically (called by the disk, which checks it is still valid). */
  apply(tx: Transaction): void {
    let hash = this.stateHashNow;
    for (const [key, value] of tx.writes) {
      if (hash !== null) {
        if (this.state.has(key)) hash = (hash - entryHash(key, this.state.get(key))) >>> 0;
        if (value !== null) hash = (hash + entryHash(key, value)) >>> 0;
      }
      if (value === null) this.state.delete(key);
      else this.state.set(key, value);
    }
    this.stateHashNow = hash;
    for (const id of tx.dedupeRemoves) this.dedupe.delete(id);
    for (let i = 0; i < tx.dedupeAdds.length; i++) this.dedupe.set(tx.dedupeAdds[i], tx.dedupeOffsets[i]);
    if (tx.nextOffset !== undefined) this.nextOffset = tx.nextOffset;
    if (tx.pendingBatch !== undefined) this.pendingBatch = tx.pendingBatch;
    if (tx.outbox !== undefined) {
      this.outbox = tx.outbox;
      this.outboxAcked = tx.outbox.length === 0;
    }
    if (tx.outboxAcked !== undefined) this.outboxAcked = tx.outboxAcked;
    if (tx.checkpoint !== undefined) this.checkpoint = tx.checkpoint;
  }

  /** The order-independent hash of the state (what the store records with every commit). */
  stateHash(): number {
    this.stateHashNow ??= stateHash(this.state);
    return this.stateHashNow;
  }

  /** A plain copy of the state, dedupe IDs and next offset. */
  snapshot(): StoreSnapshot {
    return { state: new Map(this.state), dedupe: new Map(this.dedupe), nextOffset: this.nextOffset };
  }
}
