/**
 * One partition's namespace of the reference runtime's store in a SQLite database (see
 * `sqlite-namespaces.ts`): the state and the dedupe IDs in tables, the bookkeeping in fields,
 * applied one transaction at a time in one SQLite transaction, read back decoded and
 * deep-frozen (the processor contract: what `state.get()` returns cannot be changed).
 *
 * - The bookkeeping (next offset, checkpoint, pending changelog batch, outbox, its
 *   acknowledgement, the state hash) lives in the namespace's fields, set only after the
 *   SQLite transaction committed, so a commit that fails changes none of them. The database
 *   is a simulated disk's, in memory, and lives as long as the run (a crash keeps it, a wipe
 *   replaces it), so nothing is ever read back from an earlier process: a namespace starts
 *   empty, and the state and dedupe tables are what SQLite is there to hold.
 * - Dedupe IDs keep the order they were first added in (`seq`), as the in-memory store's Map
 *   does: a bounded dedupe window expires them in that order, and the order reaches the
 *   changelog and the history.
 * - A namespace replaced by a restore, or lost with a wipe, is detached first: it keeps a
 *   plain copy of what it held, as the in-memory store's replaced object does, so a task still
 *   holding it reads what it read before.
 */
import { freezePlain } from "../core/plain-value.ts";
import { entryHash } from "../core/state-hash.ts";
import { PartitionStore } from "./partition-store.ts";
import type { RestoredContents, StoreNamespace, StoreSnapshot } from "./store-client.ts";
import type { SqliteDatabase, SqliteStatement } from "./sqlite-driver.ts";
import { blobOfKey, keyOfBlob } from "./sqlite-driver.ts";
import type { Transaction } from "./transaction.ts";

/** The tables every namespace of one database shares, keyed by partition. */
export const namespaceSchema = `
CREATE TABLE IF NOT EXISTS state (partition INTEGER NOT NULL, key BLOB NOT NULL, value TEXT NOT NULL, hash INTEGER NOT NULL, PRIMARY KEY (partition, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedupe (partition INTEGER NOT NULL, id BLOB NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (partition, id)) WITHOUT ROWID;
`;

/** The statements of one database, prepared once and shared by its namespaces. */
export function namespaceStatements(db: SqliteDatabase) {
  const q = (sql: string): SqliteStatement => db.prepare(sql);
  return {
    get: q("SELECT value FROM state WHERE partition = ? AND key = ?").pluck(),
    hashOf: q("SELECT hash FROM state WHERE partition = ? AND key = ?").pluck(),
    put: q("INSERT OR REPLACE INTO state (partition, key, value, hash) VALUES (?, ?, ?, ?)"),
    delete: q("DELETE FROM state WHERE partition = ? AND key = ?"),
    scan: q("SELECT key, value FROM state WHERE partition = ? ORDER BY key").raw(),
    stateSize: q("SELECT count(*) FROM state WHERE partition = ?").pluck(),
    hasDedupe: q("SELECT 1 FROM dedupe WHERE partition = ? AND id = ?").pluck(),
    dedupe: q("SELECT id, at FROM dedupe WHERE partition = ? ORDER BY seq").raw(),
    dedupeSize: q("SELECT count(*) FROM dedupe WHERE partition = ?").pluck(),
    lastSeq: q("SELECT coalesce(max(seq), 0) FROM dedupe WHERE partition = ?").pluck(),
    addDedupe: q("INSERT INTO dedupe (partition, id, at, seq) VALUES (?, ?, ?, ?) ON CONFLICT (partition, id) DO UPDATE SET at = excluded.at"),
    removeDedupe: q("DELETE FROM dedupe WHERE partition = ? AND id = ?"),
    dropState: q("DELETE FROM state WHERE partition = ?"),
    dropDedupe: q("DELETE FROM dedupe WHERE partition = ?"),
  };
}

type Statements = ReturnType<typeof namespaceStatements>;

const decode = (text: string): unknown => freezePlain(JSON.parse(text));

/** One partition's namespace in the database (see the module header). */
export class SqliteNamespace implements StoreNamespace {
  nextOffset = 0;
  checkpoint = -1;
  pendingBatch: readonly unknown[] | null = null;
  outbox: readonly unknown[] = [];
  outboxAcked = true;
  private hash = 0;
  /** A plain copy, once the namespace was replaced or wiped (see the module header). */
  private detached: PartitionStore | null = null;

  constructor(
    readonly partition: number,
    private readonly db: SqliteDatabase,
    private readonly sql: Statements,
  ) {}

  get(key: string): unknown {
    if (this.detached !== null) return this.detached.get(key);
    const text = this.sql.get.get(this.partition, blobOfKey(key)) as string | undefined;
    return text === undefined ? undefined : decode(text);
  }

  scan(from?: string, to?: string): Array<readonly [string, unknown]> {
    if (this.detached !== null) return this.detached.scan(from, to);
    const out: Array<readonly [string, unknown]> = [];
    for (const [blob, text] of this.sql.scan.all(this.partition) as Array<[Buffer, string]>) {
      const key = keyOfBlob(blob);
      if ((from === undefined || key >= from) && (to === undefined || key < to)) out.push([key, decode(text)]);
    }
    return out;
  }

  get stateSize(): number {
    return this.detached?.stateSize ?? (this.sql.stateSize.get(this.partition) as number);
  }

  hasDedupe(id: string): boolean {
    return this.detached?.hasDedupe(id) ?? this.sql.hasDedupe.get(this.partition, blobOfKey(id)) !== undefined;
  }

  dedupeEntries(): IterableIterator<[string, number]> {
    if (this.detached !== null) return this.detached.dedupeEntries();
    const rows = this.sql.dedupe.all(this.partition) as Array<[Buffer, number]>;
    return rows.map(([id, at]): [string, number] => [keyOfBlob(id), at])[Symbol.iterator]();
  }

  get dedupeSize(): number {
    return this.detached?.dedupeSize ?? (this.sql.dedupeSize.get(this.partition) as number);
  }

  stateHash(): number {
    return this.detached?.stateHash() ?? this.hash;
  }

  snapshot(): StoreSnapshot {
    if (this.detached !== null) return this.detached.snapshot();
    return { state: new Map(this.scan()), dedupe: new Map(this.dedupeEntries()), nextOffset: this.nextOffset };
  }

  /** Apply a transaction atomically (called by the disk, which checks it is still valid). */
  apply(tx: Transaction): void {
    const next = {
      nextOffset: tx.nextOffset ?? this.nextOffset,
      checkpoint: tx.checkpoint ?? this.checkpoint,
      pendingBatch: tx.pendingBatch === undefined ? this.pendingBatch : tx.pendingBatch,
      outbox: tx.outbox ?? this.outbox,
      outboxAcked: tx.outboxAcked ?? (tx.outbox === undefined ? this.outboxAcked : tx.outbox.length === 0),
      hash: this.hash,
    };
    this.db.transaction(() => {
      const { sql, partition } = this;
      for (const [key, value] of tx.writes) {
        const blob = blobOfKey(key);
        const old = sql.hashOf.get(partition, blob) as number | undefined;
        if (old !== undefined) next.hash = (next.hash - old) >>> 0;
        if (value === null) sql.delete.run(partition, blob);
        else {
          const h = entryHash(key, value);
          sql.put.run(partition, blob, JSON.stringify(value), h);
          next.hash = (next.hash + h) >>> 0;
        }
      }
      for (const id of tx.dedupeRemoves) sql.removeDedupe.run(partition, blobOfKey(id));
      let seq = tx.dedupeAdds.length > 0 ? (sql.lastSeq.get(partition) as number) : 0;
      for (let i = 0; i < tx.dedupeAdds.length; i++) sql.addDedupe.run(partition, blobOfKey(tx.dedupeAdds[i]), tx.dedupeOffsets[i], ++seq);
    })();
    this.adopt(next);
  }

  /** Replace the namespace's contents with restored ones, in one SQLite transaction. */
  install(contents: RestoredContents): void {
    const next = { nextOffset: contents.nextOffset, checkpoint: contents.checkpoint, pendingBatch: null, outbox: contents.outbox, outboxAcked: contents.outbox.length === 0, hash: 0 };
    this.db.transaction(() => {
      const { sql, partition } = this;
      sql.dropState.run(partition);
      sql.dropDedupe.run(partition);
      for (const [key, value] of contents.state) {
        const h = entryHash(key, value);
        sql.put.run(partition, blobOfKey(key), JSON.stringify(value), h);
        next.hash = (next.hash + h) >>> 0;
      }
      let seq = 0;
      for (const [id, at] of contents.dedupe) sql.addDedupe.run(partition, blobOfKey(id), at, ++seq);
    })();
    this.adopt(next);
  }

  /** Keep a plain copy of what the namespace holds: the database is about to replace or lose it. */
  detach(): void {
    if (this.detached !== null) return;
    const copy = new PartitionStore(this.partition, { ...this.snapshot(), outbox: this.outbox, checkpoint: this.checkpoint });
    copy.pendingBatch = this.pendingBatch;
    copy.outboxAcked = this.outboxAcked;
    this.detached = copy;
  }

  private adopt(m: { nextOffset: number; checkpoint: number; pendingBatch: readonly unknown[] | null; outbox: readonly unknown[]; outboxAcked: boolean; hash: number }): void {
    this.nextOffset = m.nextOffset;
    this.checkpoint = m.checkpoint;
    this.pendingBatch = m.pendingBatch;
    this.outbox = m.outbox;
    this.outboxAcked = m.outboxAcked;
    this.hash = m.hash;
  }
}
