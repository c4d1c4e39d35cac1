/**
 * A disk's namespaces in one SQLite database (`store: "sqlite"` with the reference runtime):
 * one in-memory database per simulated disk (a file, given one), all partitions in the same
 * tables (`sqlite-namespace.ts`). A wipe deletes the database: an in-memory one is closed and
 * replaced by a new, empty one. A namespace replaced or lost is detached first, so a task
 * still holding it reads what it read before, as with the in-memory store.
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

  /** A database in `file`, created when missing (default: a private in-memory one); its namespaces are those it holds. */
  constructor(private readonly file = ":memory:") {
    this.open();
    for (const partition of this.db.prepare("SELECT partition FROM meta ORDER BY partition").pluck().all() as number[]) {
      this.views.set(partition, new SqliteNamespace(partition, this.db, this.sql));
    }
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
    if (this.file === ":memory:") {
      this.db.close();
      this.open();
    } else {
      this.db.exec("DELETE FROM state; DELETE FROM dedupe; DELETE FROM meta;");
    }
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
    this.db = openSqlite(this.file);
    this.db.exec(namespaceSchema);
    this.sql = namespaceStatements(this.db);
  }
}
