/**
 * The restoration checker's own reading of a changelog: how the reference runtime's records
 * rebuild a store, and what a log looks like after the cleaner has done everything it may.
 * Written apart from the runtime's decoder (`runtime/changelog-record.ts`) and the broker's
 * cleaner (`broker/compaction.ts`) on purpose: an oracle that shared their code would share
 * their bugs, and a wrong restore would then agree with a wrong check.
 *
 * The format (one record per change; see the runtime's table): `s:<key>` state (null
 * deletes), `d:<id>` dedupe ID with its input offset (null expires it), `#offset` next input
 * offset; everything else (`#outbox`, `#epoch`) carries no state.
 */
import type { LogRecord } from "../broker/log-record.ts";

/** A store as the changelog describes it. */
export interface DecodedStore {
  readonly state: Map<string, unknown>;
  readonly dedupe: Map<string, unknown>;
  nextOffset: number;
}

/** Replay `records` in order into an empty store. */
export function decodeChangelog(records: readonly LogRecord<unknown>[]): DecodedStore {
  const decoded: DecodedStore = { state: new Map(), dedupe: new Map(), nextOffset: 0 };
  for (const { key, value } of records) {
    // A one-letter tag and a colon, or a whole reserved key; nothing else carries state.
    const tag = key.charAt(1) === ":" ? key.charAt(0) : "";
    const name = key.substring(2);
    if (tag === "s") {
      if (value === null) decoded.state.delete(name);
      else decoded.state.set(name, value);
    } else if (tag === "d") {
      if (value === null) decoded.dedupe.delete(name);
      else decoded.dedupe.set(name, value);
    } else if (key === "#offset") {
      decoded.nextOffset = value as number;
    }
  }
  return decoded;
}

/**
 * The log after a clean with one-record segments and no delete retention: below the last
 * offset (the active segment, never cleaned), only each key's latest record survives, and no
 * tombstone; the record at the last offset stays whatever it is.
 */
export function fullyCompacted(records: readonly LogRecord<unknown>[], endOffset: number): LogRecord<unknown>[] {
  const activeStart = endOffset - 1;
  const latest = new Map<string, number>();
  for (const record of records) if (record.offset < activeStart) latest.set(record.key, record.offset);
  return records.filter((record) => record.offset >= activeStart || (latest.get(record.key) === record.offset && record.value !== null));
}

/**
 * `decodeChangelog(fullyCompacted(records, endOffset))`, given `asIs`, the decoding of
 * `records` themselves. Decoding keeps each key's last record, and so does a full clean,
 * except a tombstone below the active record, which it drops with everything before it: for
 * a state or dedupe key that decodes to "absent" either way, for `#offset` it does not (the
 * next offset is then the default). So the two decodings differ only when the last `#offset`
 * record is such a tombstone, which the runtime's format never writes; only then is the log
 * compacted and decoded again. (Compacting a copy of every changelog of every run cost a
 * tenth of the checkers' time for this one case.)
 */
export function decodeCompacted(records: readonly LogRecord<unknown>[], endOffset: number, asIs: DecodedStore): DecodedStore {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i];
    if (record.key !== "#offset") continue;
    return record.value === null && record.offset < endOffset - 1 ? decodeChangelog(fullyCompacted(records, endOffset)) : asIs;
  }
  return asIs;
}

/** A user's service store, rebuilt from its changelog: namespace -> key -> value. */
export type DecodedNamespaces = Map<string, Map<string, unknown>>;

/**
 * Replay a service store's changelog (written by eosim's store client: key
 * `<namespace>\u0000<key>`, value `{ s: <JSON text> }` or a tombstone; epoch markers under a
 * key that starts with `\u0000`). Decoded here on its own, not with the store's code.
 */
export function decodeServiceChangelog(records: readonly LogRecord<unknown>[]): DecodedNamespaces {
  const out: DecodedNamespaces = new Map();
  for (const record of records) {
    const split = record.key.indexOf("\u0000");
    if (split <= 0) continue; // an epoch marker, or not the store's
    const namespace = record.key.slice(0, split);
    let ns = out.get(namespace);
    if (ns === undefined) out.set(namespace, (ns = new Map()));
    const value = record.value as { s?: unknown } | null;
    if (value === null) ns.delete(record.key.slice(split + 1));
    else if (typeof value.s === "string") ns.set(record.key.slice(split + 1), JSON.parse(value.s));
  }
  return out;
}

/**
 * The offset of the latest `#offset` record below changelog offset `end` in `archive` (every
 * record ever appended, index = offset), or -1 when there is none: what a replay of the
 * changelog as it stood at `end` resumes input from (compaction always keeps that record).
 */
export function latestOffsetRecord(archive: readonly LogRecord<unknown>[], end: number): number {
  for (let offset = Math.min(end, archive.length) - 1; offset >= 0; offset--) if (archive[offset].key === "#offset") return offset;
  return -1;
}
