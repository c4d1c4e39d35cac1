// The external database as the service sees it, over the real port: every request is an
// operation of the life, and its promise settles when the simulator settles the operation.
import { describe, expect, it } from "vitest";
import { SendOutcome } from "../../src/broker/send-outcome.ts";
import { History } from "../../src/core/history.ts";
import { Streams } from "../../src/core/prng.ts";
import { databaseTarget, NetworkFaults } from "../../src/faults/network.ts";
import { type DatabaseError, databaseFacade } from "../../src/service/database-facade.ts";
import { WorldDatabasePort } from "../../src/service/database-port.ts";
import { ExternalDatabase } from "../../src/service/external-database.ts";
import { Life } from "../../src/service/life.ts";

const instance = 1;

function setup() {
  const history = new History();
  const streams = new Streams(7);
  const database = new ExternalDatabase(history, () => 0);
  const network = new NetworkFaults(history);
  const life = new Life(instance, 1, streams.get("service/1/schedule"), streams.get("service/1/random"), () => 0);
  const db = databaseFacade(new WorldDatabasePort(life, database, network));
  /** Settle the one pending request and wait for `promise`. */
  const settled = async <T>(promise: Promise<T>): Promise<T> => {
    expect(life.pending).toBe(1);
    expect(life.settleOne()).toBe(true);
    return promise;
  };
  /** Write `value` under `key` directly at the database (another writer). */
  const writeBehind = (namespace: string, key: string, value: unknown) => database.commit(9, { reads: [], writes: [[namespace, key, JSON.stringify(value)]] });
  return { database, network, life, db, settled, writeBehind };
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<DatabaseError> {
  try {
    await promise;
  } catch (error) {
    return error as DatabaseError;
  }
  throw new Error("expected a rejection");
}

describe("databaseFacade reads", () => {
  it("gets a decoded fresh copy, or undefined", async () => {
    const { db, settled, writeBehind } = setup();
    writeBehind("ns", "k", { n: 1, list: [1, 2] });
    const first = await settled(db.get<{ n: number; list: number[] }>("ns", "k"));
    expect(first).toEqual({ n: 1, list: [1, 2] });
    first!.n = 5;
    expect(await settled(db.get("ns", "k"))).toEqual({ n: 1, list: [1, 2] });
    expect(await settled(db.get("ns", "absent"))).toBeUndefined();
  });

  it("scans decoded entries in key order, by prefix or bounds", async () => {
    const { db, settled, writeBehind } = setup();
    writeBehind("ns", "b/2", 2);
    writeBehind("ns", "a/1", 1);
    writeBehind("ns", "b/1", { x: 1 });
    writeBehind("ns", "c", 3);
    expect(await settled(db.scan("ns", { prefix: "b/" }))).toEqual([["b/1", { x: 1 }], ["b/2", 2]]);
    expect(await settled(db.scan("ns", { from: "a/1", to: "b/2" }))).toEqual([["a/1", 1], ["b/1", { x: 1 }]]);
    expect((await settled(db.scan("ns"))).map(([key]) => key)).toEqual(["a/1", "b/1", "b/2", "c"]);
  });
});

describe("databaseFacade transactions", () => {
  it("commits its writes atomically when nothing it read changed", async () => {
    const { db, database, settled, writeBehind } = setup();
    writeBehind("ns", "k", 1);
    const tx = db.transaction();
    const k = await settled(tx.get<number>("ns", "k"));
    tx.put("ns", "k", k! + 1);
    tx.put("ns", "j", "new");
    expect(database.contents("ns").get("k")).toBe(1);
    await settled(tx.commit());
    expect([...database.contents("ns")]).toEqual([["j", "new"], ["k", 2]]);
  });

  it("reads its own writes and deletes without a request", async () => {
    const { db, life, database, settled, writeBehind } = setup();
    writeBehind("ns", "gone", "there");
    const tx = db.transaction();
    tx.put("ns", "k", { v: 1 });
    tx.delete("ns", "gone");
    const own = tx.get("ns", "k");
    const deleted = tx.get("ns", "gone");
    expect(life.pending).toBe(0);
    expect(await own).toEqual({ v: 1 });
    expect(await deleted).toBeUndefined();
    expect(database.facts.facts).toEqual([]);
    // Nothing is written before the commit.
    expect(database.contents("ns").get("gone")).toBe("there");
    await settled(tx.commit());
    expect([...database.contents("ns")]).toEqual([["k", { v: 1 }]]);
  });

  it("checks the first version it read at commit, even after reading the key again", async () => {
    const { db, database, settled, writeBehind } = setup();
    writeBehind("ns", "k", 1);
    const tx = db.transaction();
    expect(await settled(tx.get("ns", "k"))).toBe(1);
    writeBehind("ns", "k", 2);
    // The second read sees the new value, but the commit is judged on the first.
    expect(await settled(tx.get("ns", "k"))).toBe(2);
    tx.put("ns", "k", 3);
    tx.put("ns", "other", 4);
    const error = await rejection(settled(tx.commit()));
    expect(error.code).toBe("CONFLICT");
    expect(error.outcomeUnknown).toBe(false);
    expect([...database.contents("ns")]).toEqual([["k", 2]]);
  });

  it("conflicts when a key it read as absent was written before its commit", async () => {
    const { db, database, settled, writeBehind } = setup();
    const tx = db.transaction();
    expect(await settled(tx.get("ns", "k"))).toBeUndefined();
    writeBehind("ns", "k", "someone else");
    tx.put("ns", "k", "mine");
    expect((await rejection(settled(tx.commit()))).code).toBe("CONFLICT");
    expect(database.contents("ns").get("k")).toBe("someone else");
  });

  it("rejects a second commit without a request, and refuses writes after the commit", async () => {
    const { db, life, settled } = setup();
    const tx = db.transaction();
    tx.put("ns", "k", 1);
    await settled(tx.commit());
    const again = tx.commit();
    expect(life.pending).toBe(0);
    await expect(again).rejects.toThrowError("database: transaction committed twice");
    expect(() => tx.put("ns", "k", 2)).toThrowError("put on a committed transaction");
    expect(() => tx.delete("ns", "k")).toThrowError("delete on a committed transaction");
  });

  it.each([
    ["a Map", new Map([["a", 1]]), "value is a Map, not plain data"],
    ["a Date", new Date(0), "value is a Date, not plain data"],
    ["a class instance", new (class Account {})(), "value is a Account, not plain data"],
    ["a nested Map", { inner: [new Map()] }, "value.inner[0] is a Map, not plain data"],
    ["a function", () => 1, "value is a function"],
    ["NaN", Number.NaN, "value is NaN"],
  ])("throws a TypeError on a put of %s", (_, value, problem) => {
    const { db, life } = setup();
    const tx = db.transaction();
    expect(() => tx.put("ns", "k", value)).toThrowError(TypeError);
    expect(() => tx.put("ns", "k", value)).toThrowError(`ns k: ${problem}`);
    expect(life.pending).toBe(0);
  });
});

describe("databaseFacade errors", () => {
  it.each([
    ["notAppended", SendOutcome.notAppended, "TIMEOUT", false],
    ["ackLost", SendOutcome.ackLost, "TIMEOUT", true],
    ["delayed", SendOutcome.delayed, "TIMEOUT", false],
    ["ambiguous", SendOutcome.ambiguous, "UNAVAILABLE", true],
  ] as const)("%s: a commit rejects with a DatabaseError %s whose outcome is unknown", async (_, outcome, code, servedNow) => {
    const { db, database, network, settled } = setup();
    network.arm(databaseTarget, outcome);
    const tx = db.transaction();
    tx.put("ns", "k", 1);
    const error = await rejection(settled(tx.commit()));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DatabaseError");
    expect(error.code).toBe(code);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/^database: commit: /);
    expect(database.contents("ns").has("k")).toBe(servedNow);
  });

  it("a get and a scan reject with a DatabaseError too", async () => {
    const { db, network, settled } = setup();
    network.arm(databaseTarget, SendOutcome.notAppended);
    const get = await rejection(settled(db.get("ns", "k")));
    expect([get.name, get.code, get.outcomeUnknown]).toEqual(["DatabaseError", "TIMEOUT", true]);
    expect(get.message).toContain("get ns k");
    network.arm(databaseTarget, SendOutcome.ambiguous);
    const scan = await rejection(settled(db.scan("ns")));
    expect([scan.name, scan.code, scan.outcomeUnknown]).toEqual(["DatabaseError", "UNAVAILABLE", true]);
    expect(scan.message).toContain("scan ns");
    network.arm(databaseTarget, SendOutcome.ackLost);
    const txGet = await rejection(settled(db.transaction().get("ns", "k")));
    expect([txGet.name, txGet.code]).toEqual(["DatabaseError", "TIMEOUT"]);
  });

  it("a CONFLICT is a DatabaseError whose outcome is known (nothing was written)", async () => {
    const { db, settled, writeBehind } = setup();
    const tx = db.transaction();
    await settled(tx.get("ns", "k"));
    writeBehind("ns", "k", 1);
    tx.put("ns", "k", 2);
    const error = await rejection(settled(tx.commit()));
    expect([error.name, error.code, error.outcomeUnknown]).toEqual(["DatabaseError", "CONFLICT", false]);
    expect(error.message).toContain("nothing was written");
  });

  it("rejects a key that is not a string with a TypeError, without a request", async () => {
    const { db, life } = setup();
    const get = db.get("ns", 5 as unknown as string);
    expect(life.pending).toBe(0);
    await expect(get).rejects.toThrowError(TypeError);
  });
});

describe("databaseFacade readers", () => {
  it("reads as instance-<id> by default, and as the client's name through client(name)", async () => {
    const { db, database, settled, writeBehind } = setup();
    writeBehind("ns", "k", 1);
    await settled(db.get("ns", "k"));
    const b = db.client("service-b");
    await settled(b.get("ns", "k"));
    await settled(b.scan("ns"));
    await settled(b.transaction().get("ns", "absent"));
    await settled(db.transaction().get("ns", "k"));
    expect(database.facts.facts.map((r) => [r.reader, r.instance, r.life, r.scan, r.entries])).toEqual([
      [`instance-${instance}`, instance, 1, false, [["k", "1"]]],
      ["service-b", instance, 1, false, [["k", "1"]]],
      ["service-b", instance, 1, true, [["k", "1"]]],
      ["service-b", instance, 1, false, [["absent", null]]],
      [`instance-${instance}`, instance, 1, false, [["k", "1"]]],
    ]);
  });

  it("a client's transaction commits to the same database", async () => {
    const { db, database, settled } = setup();
    const tx = db.client("other").transaction();
    tx.put("ns", "k", "via client");
    await settled(tx.commit());
    expect(await settled(db.get("ns", "k"))).toBe("via client");
    expect(database.contents("ns").get("k")).toBe("via client");
  });
});
