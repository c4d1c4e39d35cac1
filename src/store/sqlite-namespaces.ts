/**
 * A disk's namespaces in one SQLite database (`store: "sqlite"` with the reference runtime):
 * one private in-memory database per simulated disk, all partitions in the same tables
 * (`sqlite-namespace.ts`). A simulated disk lives as long as its run, so it needs no file (a
 * user's service keeps its SQLite store in one: `service/sqlite-service-disk.ts`). A wipe
 * deletes the database: it is closed and replaced by a new, empty one. A namespace replaced or
 * lost is detached first, so a task still holding it reads what it read before, as with the
 * in-memory store.
 */
import { openSqlite, type SqliteDatabase } from "./sqlite-driver.ts";
import { namespaceSchema, namespaceStatements, SqliteNamespace } from "./sqlite-namespace.ts";
import type { NamespaceStore } from "./namespace-store.ts";
import type { RestoredContents } from "./store-client.ts";

/** A disk's namespaces in one SQLite database. */
export class SqliteNamespaces implements NamespaceStore {
  private db!: SqliteDatabase;
  private sql!: ReturnType<typeof namespaceStatements>;
  private readonly views = new Map<number, SqliteNamespace>();

  /** A new, empty in-memory database. */
  constructor() {
    this.open();
  }

  get(partition: number): SqliteNamespace | undefined {
    return this.views.get(partition);
  }

  create(partition: number): SqliteNamespace {
    const view = new SqliteNamespace(partition, this.db, this.sql);
    this.views.set(partition, view);
    return view;
  }

  install(partition: number, contents: RestoredContents): SqliteNamespace {
    this.views.get(partition)?.detach();
    const view = new SqliteNamespace(partition, this.db, this.sql);
    view.install(contents);
    this.views.set(partition, view);
    return view;
  }

  clear(): void {
    for (const view of this.views.values()) view.detach();
    this.views.clear();
    this.db.close();
    this.open();
  }

  get size(): number {
    return this.views.size;
  }

  partitions(): number[] {
    return [...this.views.keys()].sort((a, b) => a - b);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private open(): void {
    this.db = openSqlite(":memory:");
    this.db.exec(namespaceSchema);
    this.sql = namespaceStatements(this.db);
  }
}
