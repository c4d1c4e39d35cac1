/**
 * Restore: rebuild a partition's store (state, next offset, dedupe IDs, outbox) by replaying
 * its changelog from the log start, a bounded number of records per step, so faults
 * (compaction, crashes, rebalances) can interleave with it. The result replaces the local
 * namespace only when the replay has reached the changelog's end.
 */
import { limits } from "../core/limits.ts";
import { PartitionStore } from "../store/partition-store.ts";
import { applyChangelogRecord, statePrefix } from "./changelog-record.ts";
import type { ServiceBroker } from "./runtime-context.ts";

/** An in-progress restore. */
export class Restore {
  readonly target: PartitionStore;
  private nextRead: number;

  constructor(
    readonly partition: number,
    private readonly broker: ServiceBroker,
    /** False in a planted bug: deletes are skipped, so deleted keys come back. */
    private readonly applyTombstones = true,
    /** Records read per step. */
    private readonly chunkRecords: number = limits.restoreRecordsPerStep,
  ) {
    this.target = new PartitionStore(partition);
    this.nextRead = broker.changelog.partitions[partition].logStartOffset;
  }

  /** The changelog offset the replay started from. */
  get startOffset(): number {
    return this.nextRead;
  }

  /** Read one chunk; returns true when the replay has caught up with the changelog's end. */
  step(): boolean {
    const log = this.broker.changelog.partitions[this.partition];
    const records = this.broker.fetchChangelog(this.partition, this.nextRead, this.chunkRecords);
    for (const record of records) {
      if (record.value !== null || this.applyTombstones || !record.key.startsWith(statePrefix)) {
        applyChangelogRecord(this.target, record.key, record.value);
      }
      this.nextRead = record.offset + 1;
    }
    if (this.nextRead < log.endOffset && records.length > 0) return false;
    this.nextRead = Math.max(this.nextRead, log.endOffset);
    this.target.checkpoint = log.endOffset;
    this.target.outboxAcked = this.target.outbox.length === 0;
    return true;
  }
}
