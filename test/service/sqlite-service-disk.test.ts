// The SQLite service disk against the in-memory one: the same answers to the same operations
// (keys in JavaScript's order, lone surrogates included), atomic commits, wipes that delete
// everything, and a file-backed database that keeps what was committed across a reopen.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryServiceDisk } from "../../src/service/memory-service-disk.ts";
import type { ServiceDisk, StoreWrite } from "../../src/service/service-disk.ts";
import { SqliteServiceDisk } from "../../src/service/sqlite-service-disk.ts";
import { partitionOfName } from "../../src/service/store-port.ts";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite-driver.ts";

const partitions = 3;
const loggedOf = (namespace: string) => partitionOfName(namespace, partitions);

/** Keys that sort differently by code unit and by code point, and one no UTF-8 text can hold. */
const key = fc.constantFrom("", "a", "ab", "b", "\uffff", "\u{1F600}", "\ud800", "\udc00x", "é");
const namespace = fc.constantFrom("balances/0", "balances/1", "dedupe/0", "meta/2", "global");
const write: fc.Arbitrary<StoreWrite> = fc.tuple(namespace, key, fc.oneof(fc.constant(null), fc.jsonValue().map((v) => JSON.stringify(v))));

type Operation =
  | { readonly op: "commit"; readonly writes: readonly StoreWrite[]; readonly epoch: number }
  | { readonly op: "drop-first" | "drop-all" | "crash" | "wipe"; readonly partition: number }
  | { readonly op: "re-epoch" | "checkpoint"; readonly partition: number; readonly value: number }
  | { readonly op: "install"; readonly partition: number; readonly entries: readonly StoreWrite[]; readonly value: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("commit" as const), writes: fc.array(write, { maxLength: 5 }), epoch: fc.integer({ min: -1, max: 5 }) }) },
  fc.record({ op: fc.constantFrom("drop-first" as const, "drop-all" as const, "crash" as const, "wipe" as const), partition: fc.nat(partitions - 1) }),
  fc.record({ op: fc.constantFrom("re-epoch" as const, "checkpoint" as const), partition: fc.nat(partitions - 1), value: fc.integer({ min: -1, max: 50 }) }),
  fc.record({ op: fc.constant("install" as const), partition: fc.nat(partitions - 1), entries: fc.array(write, { maxLength: 4 }), value: fc.nat(50) }),
);

function play(disk: ServiceDisk, o: Operation): unknown {
  switch (o.op) {
    case "commit":
      return disk.commit(o.writes, loggedOf, () => o.epoch);
    case "drop-first":
      return disk.dropFirstUnsent(o.partition);
    case "drop-all":
      return disk.dropUnsent(o.partition);
    case "crash":
      return disk.crash();
    case "wipe":
      return disk.wipe();
    case "re-epoch":
      return disk.reEpoch(o.partition, o.value);
    case "checkpoint":
      return disk.setCheckpoint(o.partition, o.value);
    case "install": {
      const restored = new Map<string, Map<string, string>>();
      for (const [name, k, v] of o.entries) {
        const ns = restored.get(`${name.split("/")[0]}/${o.partition}`) ?? new Map<string, string>();
        restored.set(`${name.split("/")[0]}/${o.partition}`, ns);
        if (v !== null) ns.set(k, v);
      }
      return disk.install(o.partition, restored, o.value);
    }
  }
}

/** Everything a disk answers, without batch identities (each disk numbers its own). */
function observe(disk: ServiceDisk): unknown {
  const names = ["balances/0", "balances/1", "dedupe/0", "meta/2", "global"];
  return {
    count: disk.namespaceCount,
    scans: names.map((n) => [disk.scan(n), disk.scan(n, "a"), disk.scan(n, undefined, "b"), disk.scan(n, "a", "\uffff")]),
    gets: names.map((n) => ["", "a", "\ud800", "\u{1F600}"].map((k) => disk.get(n, k))),
    contents: names.map((n) => [...disk.contents(n)]),
    perPartition: [0, 1, 2].map((p) => {
      const first = disk.firstUnsent(p);
      return { names: disk.partitionNamespaces(p), checkpoint: disk.checkpoint(p), first: first && { epoch: first.epoch, entries: first.entries } };
    }),
  };
}

const open: ServiceDisk[] = [];
const track = <D extends ServiceDisk>(disk: D): D => (open.push(disk), disk);
afterEach(() => {
  for (const disk of open.splice(0)) disk.close();
});

describe("the SQLite service disk", () => {
  it("answers every sequence of operations as the in-memory disk does", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (operations) => {
        const memory = new MemoryServiceDisk();
        const sqlite = new SqliteServiceDisk();
        try {
          for (const o of operations) {
            expect(play(sqlite, o)).toEqual(play(memory, o));
            expect(observe(sqlite)).toEqual(observe(memory));
          }
        } finally {
          sqlite.close();
        }
      }),
      { seed: 1, numRuns: 150 },
    );
  });

  it("commits all of a transaction or none of it: a commit interrupted after its first write leaves nothing", () => {
    const disk = track(new SqliteServiceDisk());
    disk.commit([["balances/0", "acct-1", "5"]], loggedOf, () => 1);
    let seen = 0;
    const dies = (ns: string) => {
      if (++seen === 2) throw new Error("killed mid-commit");
      return loggedOf(ns);
    };
    expect(() => disk.commit([["balances/0", "acct-1", "7"], ["meta/0", "next", "3"], ["dedupe/0", "d1", "2"]], dies, () => 1)).toThrow("killed mid-commit");
    expect(disk.get("balances/0", "acct-1")).toBe("5");
    expect(disk.get("meta/0", "next")).toBeUndefined();
    expect(disk.partitionNamespaces(0)).toEqual(["balances/0"]);
    expect(disk.firstUnsent(0)?.entries).toEqual([{ key: "balances/0\u0000acct-1", value: { s: "5" } }]);
    disk.crash();
    expect(disk.scan("balances/0")).toEqual([["acct-1", "5"]]);
  });

  it("gives a re-dated or later batch a new identity, never a reused one", () => {
    const disk = track(new SqliteServiceDisk());
    disk.commit([["balances/0", "a", "1"]], loggedOf, () => 1);
    const first = disk.firstUnsent(0)!;
    disk.dropFirstUnsent(0);
    disk.commit([["balances/0", "a", "2"]], loggedOf, () => 1);
    const second = disk.firstUnsent(0)!;
    disk.reEpoch(0, 2);
    const third = disk.firstUnsent(0)!;
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    expect(third).toMatchObject({ epoch: 2, entries: second.entries });
  });

  it("loses everything on a wipe", () => {
    const disk = track(new SqliteServiceDisk());
    disk.commit([["balances/0", "a", "1"], ["global", "g", "2"]], loggedOf, () => 1);
    disk.setCheckpoint(0, 4);
    expect(disk.namespaceCount).toBe(2);
    disk.wipe();
    expect([disk.namespaceCount, disk.get("balances/0", "a"), disk.checkpoint(0), disk.firstUnsent(0), disk.partitionNamespaces(0)]).toEqual([0, undefined, -1, undefined, []]);
  });
});

describe("a file-backed SQLite service disk", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("uses WAL with synchronous=FULL and keeps every commit across a reopen; a wipe deletes it", () => {
    dir = mkdtempSync(join(tmpdir(), "eosim-sqlite-"));
    const file = join(dir, "disk.db");
    const disk = new SqliteServiceDisk(file);
    disk.commit([["balances/0", "a", "1"], ["meta/0", "next", "1"]], loggedOf, () => 3);
    disk.setCheckpoint(0, 2);
    disk.close();
    // WAL is a property of the file (a plain connection sees it); synchronous is per connection.
    const plain = new Database(file);
    expect(plain.pragma("journal_mode", { simple: true })).toBe("wal");
    plain.close();
    const db = openSqlite(file);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    db.close();
    const again = track(new SqliteServiceDisk(file));
    expect([again.get("balances/0", "a"), again.get("meta/0", "next"), again.checkpoint(0), again.firstUnsent(0)?.epoch]).toEqual(["1", "1", 2, 3]);
    again.wipe();
    expect(again.namespaceCount).toBe(0);
  });
});

// The driver's structural type (kept apart so eosim's declarations never need better-sqlite3's)
// is what better-sqlite3 really offers: this line stops type-checking when they drift apart.
const driverFits = (db: Database.Database): SqliteDatabase => db;
void driverFits;
