/**
 * The changelog's record format: what one committed local transaction looks like on the
 * compacted changelog topic. A transaction becomes one atomic batch of records:
 *
 * | key            | value                         | meaning                               |
 * |----------------|-------------------------------|---------------------------------------|
 * | `s:<key>`      | state value, or null          | state write (null = tombstone/delete) |
 * | `d:<dedupeId>` | input offset                  | this input was applied                |
 * | `#offset`      | next input offset             | offset marker                         |
 * | `#outbox`      | outputs of the transaction    | what to (re)send after a restore      |
 * | `#epoch`       | owner's group generation      | written by a new owner before it restores (fencing) |
 *
 * Compaction keeps the latest record per key, so the latest offset marker and outbox always
 * survive, dedupe records (unique keys) are never superseded, and a deleted key disappears
 * once its tombstone passes the delete retention.
 */
import type { ProduceEntry } from "../broker/log-record.ts";
import { outputIdOf } from "../core/ids.ts";

/** Key prefix of state records. */
export const statePrefix = "s:";
/** Key prefix of dedupe records. */
export const dedupePrefix = "d:";
/** Key of the offset marker. */
export const offsetKey = "#offset";
/** Key of the outbox record. */
export const outboxKey = "#outbox";
/** Key of the epoch marker a new owner writes before restoring. */
export const epochKey = "#epoch";

/** The value of an output-topic record. */
export interface OutputRecord<O = unknown> {
  /** The ID consumers deduplicate by. */
  readonly outputId: string;
  /** Which input caused it: `<input dedupe ID>/o<index>` (what the checker matches against the model). */
  readonly cause: string;
  readonly payload: O;
}

/** A changelog entry as sent by the runtime. */
export type ChangelogEntry = ProduceEntry<unknown>;

/** The partition-store view a changelog record rebuilds. */
export interface RestoreTarget {
  readonly state: Map<string, unknown>;
  readonly dedupe: Map<string, number>;
  nextOffset: number;
  outbox: readonly unknown[];
}

/** Apply one changelog record to a store being rebuilt. */
export function applyChangelogRecord(target: RestoreTarget, key: string, value: unknown): void {
  if (key.startsWith(statePrefix)) {
    const stateKey = key.slice(statePrefix.length);
    if (value === null) target.state.delete(stateKey);
    else target.state.set(stateKey, value);
  } else if (key.startsWith(dedupePrefix)) {
    const id = key.slice(dedupePrefix.length);
    if (value === null) target.dedupe.delete(id);
    else target.dedupe.set(id, value as number);
  } else if (key === offsetKey) {
    target.nextOffset = value as number;
  } else if (key === outboxKey) {
    target.outbox = (value as readonly unknown[] | null) ?? [];
  }
  // `#epoch` markers carry no store content: fencing happens at the broker.
}

/**
 * True when `records` (the changelog from offset `from` to `end`) are all epoch markers and
 * none is missing: a local store checkpointed at `from` still matches the changelog.
 */
export function onlyMarkersSince(records: readonly { readonly key: string }[], from: number, end: number): boolean {
  if (from < 0 || from > end || records.length !== end - from) return false;
  for (const record of records) if (record.key !== epochKey) return false;
  return true;
}

/** The output records of one input, with IDs derived from its dedupe ID (so a resend is the same output). */
export function outputRecordsOf(dedupeId: string, payloads: readonly unknown[] | undefined): OutputRecord[] {
  const records: OutputRecord[] = [];
  if (payloads === undefined) return records;
  for (let i = 0; i < payloads.length; i++) {
    const id = outputIdOf(dedupeId, i);
    records.push({ outputId: id, cause: id, payload: payloads[i] });
  }
  return records;
}
