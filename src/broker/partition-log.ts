/**
 * One partition: an append-only log with dense offsets.
 *
 * Model: offsets are assigned densely on append and never change; compaction and log-start
 * truncation remove records (leaving gaps) but never reorder them. Fetch returns records at
 * or after an offset in offset order, skipping gaps. A produce request appends all of its
 * entries contiguously or none (batches are atomic, as in Kafka's record batches).
 */
import { invariant } from "../core/invariant.ts";
import type { LogRecord, ProduceEntry } from "./log-record.ts";

const nothingFetched: readonly never[] = Object.freeze([]);

export class PartitionLog<V> {
  /** Records in offset order; after compaction, offsets have gaps. Private: readers fetch or take a snapshot. */
  private records: LogRecord<V>[] = [];
  /** Every record ever appended, when the log keeps an archive (the input topic and the changelog, for checkers). */
  private readonly archive: LogRecord<V>[] | undefined;
  private end = 0;

  constructor(keepArchive = false) {
    this.archive = keepArchive ? [] : undefined;
  }

  private start = 0;
  private batches = 0;
  /** When compaction first kept each surviving tombstone (offset -> ticks); retention counts from then. */
  readonly tombstoneCleanedAt = new Map<number, number>();

  /** The offset the next appended record gets. */
  get endOffset(): number {
    return this.end;
  }

  /** The lowest offset that may still be fetched. */
  get logStartOffset(): number {
    return this.start;
  }

  /** Append `entries` as one atomic batch; returns the first offset. */
  appendBatch(entries: readonly ProduceEntry<V>[], timestampTicks: number): number {
    const first = this.end;
    const batch = this.batches++;
    for (const entry of entries) {
      const record: LogRecord<V> = { offset: this.end++, key: entry.key, value: entry.value, timestampTicks, batch };
      this.records.push(record);
      this.archive?.push(record);
    }
    return first;
  }

  /** Every record ever appended (truncation and compaction do not touch it): a copy; empty unless kept. */
  archiveSnapshot(): LogRecord<V>[] {
    return this.archive?.slice() ?? [];
  }

  /** Up to `max` records with offset >= `from`, in offset order. */
  fetch(from: number, max: number): readonly LogRecord<V>[] {
    const first = this.indexAtOrAfter(from);
    // An idle consumer polls at every step: fetching nothing must not allocate.
    if (first >= this.records.length || max <= 0) return nothingFetched;
    return this.records.slice(first, Math.min(this.records.length, first + max));
  }

  /** Every record, in offset order: a copy (records themselves are immutable and shared). */
  snapshot(): LogRecord<V>[] {
    return this.records.slice();
  }

  /** Number of records held. */
  get size(): number {
    return this.records.length;
  }

  /** Replace the record list (compaction). Offsets must stay increasing and below the end. */
  replaceRecords(records: LogRecord<V>[]): void {
    for (let i = 1; i < records.length; i++) {
      invariant(records[i - 1].offset < records[i].offset, "compaction reordered a partition log");
    }
    invariant(records.length === 0 || records[records.length - 1].offset < this.end, "compaction invented an offset");
    this.records = records;
  }

  /** An independent copy (records are immutable and shared; the archive is not copied). */
  clone(): PartitionLog<V> {
    const copy = new PartitionLog<V>();
    copy.records = this.records.slice();
    copy.end = this.end;
    copy.start = this.start;
    copy.batches = this.batches;
    for (const [offset, ticks] of this.tombstoneCleanedAt) copy.tombstoneCleanedAt.set(offset, ticks);
    return copy;
  }

  /** Drop every record below `offset` (log-start truncation by retention). */
  truncateStart(offset: number): void {
    const bounded = Math.min(offset, this.end);
    if (bounded <= this.start) return;
    this.records = this.records.slice(this.indexAtOrAfter(bounded));
    this.start = bounded;
  }

  private indexAtOrAfter(offset: number): number {
    const records = this.records;
    // Uncompacted logs are dense: try the direct index first.
    const guess = offset - this.start;
    if (guess >= 0 && guess < records.length && records[guess].offset === offset) return guess;
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid].offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
