/**
 * One partition's namespace in an instance's internal key/value store.
 *
 * It holds the business state, the next input offset to consume, the dedupe IDs of inputs
 * already applied, and the bookkeeping that makes changelog and outputs recoverable after a
 * crash: the committed changelog batch not yet acknowledged by the broker (`pendingBatch`),
 * the outputs of the last transaction (`outbox`) and the changelog end offset this store is
 * known to match (`checkpoint`). Everything here is durable: it survives a process crash and
 * is lost only when the disk is wiped. Changes arrive through {@link Transaction}s (atomic)
 * or the two small bookkeeping writes below.
 */
import { entryHash, stateHash } from "../core/state-hash.ts";
import type { Transaction } from "./transaction.ts";

export class PartitionStore {
  readonly state = new Map<string, unknown>();
  /** Dedupe IDs of applied inputs, with the input offset they were applied at. */
  readonly dedupe = new Map<string, number>();
  nextOffset = 0;
  /** Changelog end offset this store was last known to match; -1 when never synced. */
  checkpoint = -1;
  /** Changelog records committed here but not yet acknowledged by the broker. */
  pendingBatch: readonly unknown[] | null = null;
  /** Outputs of the last committed transaction. */
  outbox: readonly unknown[] = [];
  /** Whether the broker acknowledged the outbox. */
  outboxAcked = true;
  /**
   * {@link stateHash} of `state`, kept current by `apply` once computed; null until first
   * asked (a restore fills `state` directly, so its store starts unknown).
   */
  private stateHashNow: number | null = null;

  constructor(readonly partition: number) {}

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
  }

  /** The order-independent hash of `state` (what snapshots record for the atomicity checker). */
  stateHash(): number {
    this.stateHashNow ??= stateHash(this.state);
    return this.stateHashNow;
  }

  /** The broker acknowledged the pending batch; the changelog now ends at `changelogEnd`. */
  markChangelogAcked(changelogEnd: number): void {
    this.pendingBatch = null;
    this.checkpoint = changelogEnd;
  }

  /** Overwrite the next input offset outside a transaction (a planted bug resumes from the group's offset). */
  overrideNextOffset(offset: number): void {
    this.nextOffset = offset;
  }

  /** Forget the pending changelog batch without sending it (a planted bug). */
  dropPendingBatch(): void {
    this.pendingBatch = null;
  }

  /** The store now matches the changelog up to `changelogEnd` (only epoch markers came after its checkpoint). */
  advanceCheckpoint(changelogEnd: number): void {
    this.checkpoint = changelogEnd;
  }

  /** The broker acknowledged the outbox. */
  markOutboxAcked(): void {
    this.outboxAcked = true;
  }
}
