/**
 * Log compaction of one partition, as Kafka's cleaner does it.
 *
 * - Only the cleanable head is compacted: records in the active segment (offsets at or above
 *   the start of the last, partially filled segment of `segmentRecords` records) are never
 *   touched, and do not count when deciding which head records are superseded.
 * - In the head, a record survives when it is the latest record of its key in the head.
 * - A tombstone is removed once `deleteRetentionTicks` have passed since the cleaner first
 *   kept it (Kafka counts from when its segment was first cleaned). So a reader that saw a
 *   record the tombstone supersedes, and finishes its scan within the retention, sees the
 *   tombstone too: the guarantee restores rely on.
 * - Offsets never change; compaction leaves gaps and never reorders.
 */
import type { LogRecord } from "./log-record.ts";
import type { PartitionLog } from "./partition-log.ts";

/** Compaction settings of a topic. */
export interface CompactionConfig {
  /** Records per log segment; the last (active) segment is never compacted. */
  readonly segmentRecords: number;
  /** How long a tombstone survives compaction. */
  readonly deleteRetentionTicks: number;
}

/** Compact `log` at time `nowTicks`; returns the number of records removed. */
export function compactLog<V>(log: PartitionLog<V>, config: CompactionConfig, nowTicks: number): number {
  const end = log.endOffset;
  const activeStart = end === 0 ? 0 : Math.floor((end - 1) / config.segmentRecords) * config.segmentRecords;
  const records = log.snapshot();
  const latestInHead = new Map<string, number>();
  for (const record of records) {
    if (record.offset >= activeStart) break;
    latestInHead.set(record.key, record.offset);
  }
  const kept: LogRecord<V>[] = [];
  for (const record of records) {
    if (record.offset >= activeStart) {
      kept.push(record);
      continue;
    }
    if (latestInHead.get(record.key) !== record.offset) {
      log.tombstoneCleanedAt.delete(record.offset);
      continue;
    }
    if (record.value === null) {
      const cleanedAt = log.tombstoneCleanedAt.get(record.offset) ?? nowTicks;
      if (nowTicks - cleanedAt >= config.deleteRetentionTicks) {
        log.tombstoneCleanedAt.delete(record.offset);
        continue;
      }
      log.tombstoneCleanedAt.set(record.offset, cleanedAt);
    }
    kept.push(record);
  }
  const removed = records.length - kept.length;
  if (removed > 0) log.replaceRecords(kept);
  return removed;
}
