/**
 * The SQLite driver (better-sqlite3 12.x), loaded only when a scenario selects
 * `store: "sqlite"`: it is an optional peer dependency, so a user who never selects it never
 * needs its native build. Everything eosim uses of it is declared here as a small structural
 * type, which keeps better-sqlite3's own declarations out of eosim's public types (a project
 * without it still type-checks eosim's declarations).
 *
 * Durability settings of a file-backed database (`openSqlite(file)`), and why:
 * - `journal_mode=WAL`: a commit appends to the write-ahead log and readers never block the
 *   writer; after a crash the next open replays the log up to its last complete commit and
 *   discards the rest (the transaction in progress).
 * - `synchronous=FULL`: every commit syncs the log before it returns, so a commit the service
 *   was told about survives a power loss or an OS crash, not only a process crash (WAL with
 *   `NORMAL` survives a kill of the process, but may lose the last commits on power loss,
 *   which would break "the committed offset is the truth").
 * An in-memory database (`openSqlite(":memory:")`, the simulated disks) has no journal worth
 * keeping: a simulated crash never interrupts a commit (commits run within one step).
 */
import { createRequire } from "node:module";

/** A prepared statement, as eosim uses it. */
export interface SqliteStatement {
  run(...params: unknown[]): { readonly changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows as arrays of column values instead of objects. */
  raw(toggle?: boolean): this;
  /** The first column's value instead of a row. */
  pluck(toggle?: boolean): this;
}

/** An open database, as eosim uses it. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): this;
  pragma(source: string, options?: { readonly simple?: boolean }): unknown;
  /** Wrap `fn` in BEGIN ... COMMIT; a throw rolls the whole transaction back. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): this;
  readonly open: boolean;
  readonly inTransaction: boolean;
}

type DatabaseConstructor = new (filename: string, options?: { readonly fileMustExist?: boolean }) => SqliteDatabase;

/** The range of better-sqlite3 versions eosim is tested with (13.x needs Node 22). */
export const sqliteDriverRange = "12.x";

let driver: DatabaseConstructor | Error | undefined;

function load(): DatabaseConstructor | Error {
  if (driver === undefined) {
    try {
      const required = createRequire(import.meta.url)("better-sqlite3") as DatabaseConstructor | { default: DatabaseConstructor };
      driver = typeof required === "function" ? required : required.default;
    } catch (error) {
      driver = error instanceof Error ? error : new Error(String(error));
    }
  }
  return driver;
}

/**
 * Why the SQLite store cannot be used here (one line saying what to install), or null when
 * it can. Scenarios that select it are checked with this when they load.
 */
export function sqliteUnavailable(): string | null {
  const loaded = load();
  if (!(loaded instanceof Error)) return null;
  const code = (loaded as { code?: string }).code;
  const why = code === "MODULE_NOT_FOUND" ? "it is not installed" : `it did not load (${loaded.message.split("\n")[0]})`;
  return `store: "sqlite" needs the better-sqlite3 package (${sqliteDriverRange}), and ${why}: npm install --save-dev better-sqlite3@12`;
}

/**
 * Open (or create) a database: `":memory:"` for a private in-memory one, or a file, which gets
 * the durability settings of the module header.
 */
export function openSqlite(file: string): SqliteDatabase {
  const loaded = load();
  if (loaded instanceof Error) throw new Error(sqliteUnavailable()!);
  const db = new loaded(file);
  if (file !== ":memory:") {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
  }
  return db;
}

/**
 * A string key as a BLOB of its UTF-16 code units, big-endian. SQLite compares BLOBs byte by
 * byte, which for these is the order JavaScript compares strings in (TEXT would order by code
 * point, and would turn a lone surrogate into U+FFFD, merging two keys), so `ORDER BY key`
 * gives the order an in-memory store sorts its keys in.
 */
export function blobOfKey(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

/** The string a {@link blobOfKey} BLOB holds. */
export function keyOfBlob(blob: Buffer): string {
  return Buffer.from(blob).swap16().toString("utf16le");
}
