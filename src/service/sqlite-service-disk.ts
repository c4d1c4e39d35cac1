/**
 * The service disk as an embedded SQLite database (`store: "sqlite"`): one database per
 * simulated disk, in memory for simulated runs (`:memory:`), or a file (the real-crash suite,
 * with the durability settings `store/sqlite-driver.ts` documents). Everything durable is in
 * the database, and a commit writes it in one SQLite transaction: the namespaces' entries, the
 * changelog batches that describe them and, separately, the checkpoints. See
 * `service-disk.ts` for the semantics every disk shares.
 *
 * - A crash discards the transaction in progress: a process killed inside a commit leaves a
 *   journal that the next open rolls back; in the simulation a crash falls between steps,
 *   never inside a commit, and a commit interrupted by a throw is rolled back as a whole.
 * - A wipe deletes the database (an in-memory one is closed and replaced by a new, empty one).
 * - Namespaces and keys are stored as BLOBs of their UTF-16 code units (big-endian): SQLite
 *   compares them byte by byte, which is the order JavaScript compares strings in (TEXT would
 *   order by code point, and would turn lone surrogates into U+FFFD), so scans come back in
 *   exactly the order the in-memory disk gives, `ORDER BY key`.
 * - Batch identities come from an AUTOINCREMENT key, so none is ever reused.
 */
import { blobOfKey as blobOf, keyOfBlob as textOf, openSqlite, type SqliteDatabase, type SqliteStatement } from "../store/sqlite-driver.ts";
import { changelogKey, type ServiceDisk, type StoreWrite, type UnsentBatch, type UnsentEntry } from "./service-disk.ts";

const schema = `
CREATE TABLE IF NOT EXISTS namespaces (name BLOB PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (namespace BLOB NOT NULL, key BLOB NOT NULL, value TEXT NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS logged (partition INTEGER PRIMARY KEY, checkpoint INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unsent (id INTEGER PRIMARY KEY AUTOINCREMENT, partition INTEGER NOT NULL, epoch INTEGER NOT NULL, entries TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS unsent_of_partition ON unsent (partition, id);
`;

/** The statements of one open database, prepared once. */
function statementsOf(db: SqliteDatabase) {
  const q = (sql: string): SqliteStatement => db.prepare(sql);
  return {
    countNamespaces: q("SELECT count(*) FROM namespaces").pluck(),
    namespaceNames: q("SELECT name FROM namespaces ORDER BY name").pluck(),
    addNamespace: q("INSERT OR IGNORE INTO namespaces (name) VALUES (?)"),
    dropNamespace: q("DELETE FROM namespaces WHERE name = ?"),
    dropEntries: q("DELETE FROM entries WHERE namespace = ?"),
    get: q("SELECT value FROM entries WHERE namespace = ? AND key = ?").pluck(),
    put: q("INSERT OR REPLACE INTO entries (namespace, key, value) VALUES (?, ?, ?)"),
    delete: q("DELETE FROM entries WHERE namespace = ? AND key = ?"),
    scanAll: q("SELECT key, value FROM entries WHERE namespace = ? ORDER BY key").raw(),
    scanFrom: q("SELECT key, value FROM entries WHERE namespace = ? AND key >= ? ORDER BY key").raw(),
    scanTo: q("SELECT key, value FROM entries WHERE namespace = ? AND key < ? ORDER BY key").raw(),
    scanRange: q("SELECT key, value FROM entries WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key").raw(),
    queue: q("INSERT INTO unsent (partition, epoch, entries) VALUES (?, ?, ?)"),
    firstUnsent: q("SELECT id, epoch, entries FROM unsent WHERE partition = ? ORDER BY id LIMIT 1").raw(),
    allUnsent: q("SELECT epoch, entries FROM unsent WHERE partition = ? ORDER BY id").raw(),
    dropFirstUnsent: q("DELETE FROM unsent WHERE id = (SELECT min(id) FROM unsent WHERE partition = ?)"),
    dropUnsent: q("DELETE FROM unsent WHERE partition = ?"),
    checkpoint: q("SELECT checkpoint FROM logged WHERE partition = ?").pluck(),
    setCheckpoint: q("INSERT OR REPLACE INTO logged (partition, checkpoint) VALUES (?, ?)"),
  };
}

/** A service disk in a SQLite database (`store: "sqlite"`). */
export class SqliteServiceDisk implements ServiceDisk {
  private db: SqliteDatabase;
  private sql: ReturnType<typeof statementsOf>;

  /** A database in `file`, created when missing (default: a private in-memory one). */
  constructor(private readonly file = ":memory:") {
    this.db = openSqlite(file);
    this.db.exec(schema);
    this.sql = statementsOf(this.db);
  }

  crash(): void {
    // A commit runs within one step, so none is open here; one left open by an interrupted
    // evaluation is what a killed process leaves behind, and SQLite would roll it back.
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  get namespaceCount(): number {
    return this.sql.countNamespaces.get() as number;
  }

  wipe(): void {
    this.crash();
    if (this.file === ":memory:") {
      this.db.close();
      this.db = openSqlite(this.file);
      this.db.exec(schema);
      this.sql = statementsOf(this.db);
      return;
    }
    this.db.transaction(() => this.db.exec("DELETE FROM entries; DELETE FROM namespaces; DELETE FROM logged; DELETE FROM unsent;"))();
  }

  get(namespace: string, key: string): string | undefined {
    return (this.sql.get.get(blobOf(namespace), blobOf(key)) as string | undefined) ?? undefined;
  }

  scan(namespace: string, from?: string, to?: string): Array<[string, string]> {
    const ns = blobOf(namespace);
    const sql = this.sql;
    const rows = (
      from === undefined
        ? to === undefined ? sql.scanAll.all(ns) : sql.scanTo.all(ns, blobOf(to))
        : to === undefined ? sql.scanFrom.all(ns, blobOf(from)) : sql.scanRange.all(ns, blobOf(from), blobOf(to))
    ) as Array<[Buffer, string]>;
    return rows.map(([key, value]) => [textOf(key), value]);
  }

  contents(namespace: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const [key, value] of this.scan(namespace)) out.set(key, JSON.parse(value));
    return out;
  }

  names(): string[] {
    return (this.sql.namespaceNames.all() as Buffer[]).map(textOf).sort();
  }

  partitionNamespaces(partition: number): string[] {
    const suffix = `/${partition}`;
    return (this.sql.namespaceNames.all() as Buffer[]).map(textOf).filter((name) => name.endsWith(suffix));
  }

  commit(writes: readonly StoreWrite[], loggedPartitionOf: (namespace: string) => number | undefined, epochOf: (partition: number) => number): number[] {
    return this.db.transaction(() => {
      const sql = this.sql;
      const batches = new Map<number, UnsentEntry[]>();
      for (const [namespace, key, value] of writes) {
        const ns = blobOf(namespace);
        sql.addNamespace.run(ns);
        if (value === null) sql.delete.run(ns, blobOf(key));
        else sql.put.run(ns, blobOf(key), value);
        const partition = loggedPartitionOf(namespace);
        if (partition === undefined) continue;
        let batch = batches.get(partition);
        if (batch === undefined) batches.set(partition, (batch = []));
        batch.push({ key: changelogKey(namespace, key), value: value === null ? null : { s: value } });
      }
      for (const [partition, entries] of batches) sql.queue.run(partition, epochOf(partition), JSON.stringify(entries));
      return [...batches.keys()].sort((a, b) => a - b);
    })();
  }

  firstUnsent(partition: number): UnsentBatch | undefined {
    const row = this.sql.firstUnsent.get(partition) as [number, number, string] | undefined;
    return row === undefined ? undefined : { id: row[0], epoch: row[1], entries: JSON.parse(row[2]) as UnsentEntry[] };
  }

  dropFirstUnsent(partition: number): void {
    this.sql.dropFirstUnsent.run(partition);
  }

  dropUnsent(partition: number): void {
    this.sql.dropUnsent.run(partition);
  }

  reEpoch(partition: number, epoch: number): void {
    // Queued again in the same order, under new identities.
    this.db.transaction(() => {
      const rows = this.sql.allUnsent.all(partition) as Array<[number, string]>;
      this.sql.dropUnsent.run(partition);
      for (const [, entries] of rows) this.sql.queue.run(partition, epoch, entries);
    })();
  }

  checkpoint(partition: number): number {
    return (this.sql.checkpoint.get(partition) as number | undefined) ?? -1;
  }

  setCheckpoint(partition: number, offset: number): void {
    this.sql.setCheckpoint.run(partition, offset);
  }

  install(partition: number, restored: ReadonlyMap<string, Map<string, string>>, checkpoint: number): void {
    this.db.transaction(() => {
      const sql = this.sql;
      for (const name of this.partitionNamespaces(partition)) {
        const ns = blobOf(name);
        sql.dropEntries.run(ns);
        sql.dropNamespace.run(ns);
      }
      for (const [name, entries] of restored) {
        const ns = blobOf(name);
        sql.addNamespace.run(ns);
        for (const [key, value] of entries) sql.put.run(ns, blobOf(key), value);
      }
      sql.setCheckpoint.run(partition, checkpoint);
      sql.dropUnsent.run(partition);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
