/**
 * Restore: rebuild a partition's store (state, next offset, dedupe IDs, outbox) by replaying
 * its changelog from the log start, a bounded number of records per step, so faults
 * (compaction, crashes, rebalances) can interleave with it. The result replaces the local
 * namespace (in one store operation) only when the replay has reached the changelog's end.
 */
import type { BrokerClient } from "../broker/broker-client.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import { limits } from "../core/limits.ts";
import type { RestoredContents } from "../store/store-client.ts";
import { applyChangelogRecord, type RestoreTarget, statePrefix } from "./changelog-record.ts";

/** An in-progress restore. */
export class Restore {
  private readonly target: RestoreTarget = { state: new Map(), dedupe: new Map(), nextOffset: 0, outbox: [] };
  private nextRead: number;
  /** The changelog offset the replay started from. */
  readonly startOffset: number;

  constructor(
    readonly partition: number,
    private readonly broker: BrokerClient,
    /** False in a planted bug: deletes are skipped, so deleted keys come back. */
    private readonly applyTombstones = true,
    /** Records read per step. */
    private readonly chunkRecords: number = limits.restoreRecordsPerStep,
  ) {
    this.nextRead = broker.startOffset(SendTarget.changelog, partition);
    this.startOffset = this.nextRead;
  }

  /** Read one chunk; returns what was rebuilt when the replay has caught up with the changelog's end, else null. */
  step(): RestoredContents | null {
    const records = this.broker.fetch(SendTarget.changelog, this.partition, this.nextRead, this.chunkRecords);
    for (const record of records) {
      if (record.value !== null || this.applyTombstones || !record.key.startsWith(statePrefix)) {
        applyChangelogRecord(this.target, record.key, record.value);
      }
      this.nextRead = record.offset + 1;
    }
    const end = this.broker.endOffset(SendTarget.changelog, this.partition);
    if (this.nextRead < end && records.length > 0) return null;
    this.nextRead = Math.max(this.nextRead, end);
    const { state, dedupe, nextOffset, outbox } = this.target;
    return { state, dedupe, nextOffset, outbox, checkpoint: end };
  }
}
