// The external database's engine: optimistic transactions over versioned keys, requests held
// back past the client's timeout, read facts and history records.
import { describe, expect, it } from "vitest";
import { History, Op } from "../../src/core/history.ts";
import { CommitResult, ExternalDatabase } from "../../src/service/external-database.ts";
import { ReadFacts } from "../../src/service/read-facts.ts";

function setup() {
  const history = new History();
  let step = 0;
  const db = new ExternalDatabase(history, () => step);
  const records = (op: number) => {
    const out: number[][] = [];
    for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === op) out.push(history.data.slice(i + 1, i + 4));
    return out;
  };
  return { db, history, records, setStep: (s: number) => void (step = s) };
}

const json = (value: unknown) => JSON.stringify(value);

/** A session: a reader on one life of one instance. */
const session = (reader: string, instance: number, life = 1) => ({ reader, instance, life });

describe("ExternalDatabase commits", () => {
  it("applies every write of a commit atomically and bumps the written keys' versions", () => {
    const { db } = setup();
    expect(db.commit(0, { reads: [], writes: [["a", "k1", json(1)], ["a", "k2", json(2)], ["b", "k", json("x")]] })).toBe(CommitResult.applied);
    expect([...db.contents("a")]).toEqual([["k1", 1], ["k2", 2]]);
    expect([...db.contents("b")]).toEqual([["k", "x"]]);
    const v1 = db.read(session("r", 0), "a", "k1").version;
    expect(v1).toBeGreaterThan(0);
    // Every key of one commit carries the same version.
    expect(db.read(session("r", 0), "a", "k2").version).toBe(v1);
    expect(db.read(session("r", 0), "b", "k").version).toBe(v1);
    expect(db.commit(0, { reads: [], writes: [["a", "k1", json(10)]] })).toBe(CommitResult.applied);
    const v2 = db.read(session("r", 0), "a", "k1").version;
    expect(v2).toBeGreaterThan(v1);
    // An untouched key keeps its version.
    expect(db.read(session("r", 0), "a", "k2").version).toBe(v1);
    expect(db.read(session("r", 0), "a", "k1").text).toBe(json(10));
  });

  it("refuses a commit whose read version is stale, writing nothing", () => {
    const { db } = setup();
    db.commit(0, { reads: [], writes: [["a", "k", json(1)]] });
    const seen = db.read(session("r", 0), "a", "k").version;
    db.commit(1, { reads: [["a", "k", seen]], writes: [["a", "k", json(2)]] });
    // A second writer that read the same version loses, and none of its writes land.
    expect(db.commit(0, { reads: [["a", "k", seen]], writes: [["a", "k", json(3)], ["a", "other", json(4)], ["c", "x", json(5)]] })).toBe(CommitResult.conflict);
    expect([...db.contents("a")]).toEqual([["k", 2]]);
    expect(db.contents("c").size).toBe(0);
    expect(db.read(session("r", 0), "a", "other")).toEqual({ text: undefined, version: 0 });
    // With the current version it goes through.
    const now = db.read(session("r", 0), "a", "k").version;
    expect(db.commit(0, { reads: [["a", "k", now]], writes: [["a", "k", json(3)]] })).toBe(CommitResult.applied);
    expect(db.contents("a").get("k")).toBe(3);
  });

  it("reads an absent key at version 0; a commit that read it absent conflicts once someone wrote it", () => {
    const { db } = setup();
    expect(db.read(session("r", 0), "a", "k")).toEqual({ text: undefined, version: 0 });
    expect(db.commit(0, { reads: [["a", "k", 0]], writes: [["a", "k", json("first")]] })).toBe(CommitResult.applied);
    expect(db.commit(1, { reads: [["a", "k", 0]], writes: [["a", "k", json("second")]] })).toBe(CommitResult.conflict);
    expect(db.contents("a").get("k")).toBe("first");
  });

  it("keeps a version for a deleted key: a commit that read it before the delete conflicts", () => {
    const { db } = setup();
    db.commit(0, { reads: [], writes: [["a", "k", json(1)]] });
    const before = db.read(session("r", 0), "a", "k").version;
    db.commit(1, { reads: [], writes: [["a", "k", null]] });
    const after = db.read(session("r", 0), "a", "k");
    expect(after.text).toBeUndefined();
    expect(after.version).toBeGreaterThan(before);
    expect(db.contents("a").size).toBe(0);
    expect(db.entries("a")).toEqual([]);
    // Read before the delete: stale.
    expect(db.commit(0, { reads: [["a", "k", before]], writes: [["a", "k", json(2)]] })).toBe(CommitResult.conflict);
    // Read as absent-and-never-written (0): stale too, the key was written (then deleted).
    expect(db.commit(0, { reads: [["a", "k", 0]], writes: [["a", "k", json(2)]] })).toBe(CommitResult.conflict);
    expect(db.contents("a").size).toBe(0);
    // Read after the delete: goes through.
    expect(db.commit(0, { reads: [["a", "k", after.version]], writes: [["a", "k", json(2)]] })).toBe(CommitResult.applied);
    expect(db.contents("a").get("k")).toBe(2);
  });

  it("applies a commit without writes when its reads hold, and bumps no version", () => {
    const { db } = setup();
    db.commit(0, { reads: [], writes: [["a", "k", json(1)]] });
    const v = db.read(session("r", 0), "a", "k").version;
    expect(db.commit(0, { reads: [["a", "k", v]], writes: [] })).toBe(CommitResult.applied);
    db.commit(0, { reads: [], writes: [["a", "j", json(1)]] });
    expect(db.read(session("r", 0), "a", "j").version).toBe(v + 1);
  });
});

describe("ExternalDatabase requests held back", () => {
  it("serves a delayed request only after the next request it serves, so the stale write lands last", () => {
    const { db } = setup();
    db.delay(() => db.commit(0, { reads: [], writes: [["a", "k", json("old")]] }));
    expect(db.delayedCount).toBe(1);
    expect(db.contents("a").size).toBe(0);
    // The retry lands first, then the request held back overwrites it.
    db.commit(0, { reads: [], writes: [["a", "k", json("new")]] });
    expect(db.delayedCount).toBe(0);
    expect(db.contents("a").get("k")).toBe("old");
  });

  it("lands a delayed request after a read too (any served request)", () => {
    const { db } = setup();
    db.delay(() => db.commit(0, { reads: [], writes: [["a", "k", json(1)]] }));
    // The read is served before the delayed commit lands: it sees nothing.
    expect(db.read(session("r", 0), "a", "k").text).toBeUndefined();
    expect(db.contents("a").get("k")).toBe(1);
  });

  it("serves delayed requests in the order they were held back", () => {
    const { db } = setup();
    db.delay(() => db.commit(0, { reads: [], writes: [["a", "k", json(1)]] }));
    db.delay(() => db.commit(0, { reads: [], writes: [["a", "k", json(2)]] }));
    expect(db.delayedCount).toBe(2);
    db.read(session("r", 0), "a", "x");
    expect(db.delayedCount).toBe(0);
    expect(db.contents("a").get("k")).toBe(2);
  });

  it("releaseDelayed serves whatever is still held back, in order", () => {
    const { db } = setup();
    const served: string[] = [];
    db.delay(() => {
      served.push("first");
      db.commit(0, { reads: [], writes: [["a", "k", json(1)]] });
    });
    db.delay(() => {
      served.push("second");
      db.commit(0, { reads: [], writes: [["a", "k", json(2)], ["a", "j", json(3)]] });
    });
    db.releaseDelayed();
    expect(served).toEqual(["first", "second"]);
    expect(db.delayedCount).toBe(0);
    expect([...db.contents("a")]).toEqual([["j", 3], ["k", 2]]);
    db.releaseDelayed();
    expect(served).toHaveLength(2);
  });
});

describe("ExternalDatabase read facts", () => {
  it("keeps reader, instance, life, namespace, the key and its value (null when absent) and step of every get", () => {
    const { db, setStep } = setup();
    setStep(3);
    db.read(session("instance-1", 1), "a", "k");
    db.commit(0, { reads: [], writes: [["a", "k", json({ n: 1 })]] });
    setStep(7);
    expect(db.read(session("service-b", 2, 3), "a", "k").version).toBeGreaterThan(0);
    db.commit(0, { reads: [], writes: [["a", "k", null]] });
    setStep(9);
    expect(db.read(session("instance-0", 0, 2), "a", "k").text).toBeUndefined();
    expect(db.facts.facts).toEqual([
      { reader: "instance-1", instance: 1, life: 1, source: "database", namespace: "a", scan: false, entries: [["k", null]], step: 3, ticks: 0 },
      { reader: "service-b", instance: 2, life: 3, source: "database", namespace: "a", scan: false, entries: [["k", json({ n: 1 })]], step: 7, ticks: 0 },
      { reader: "instance-0", instance: 0, life: 2, source: "database", namespace: "a", scan: false, entries: [["k", null]], step: 9, ticks: 0 },
    ]);
  });

  it("keeps one fact per scan, with its bounds and the entries it returned in key order", () => {
    const { db, setStep } = setup();
    db.commit(0, { reads: [], writes: [["a", "c", json(3)], ["a", "a", json(1)], ["a", "b", json(2)], ["a", "d", json(4)], ["b", "a", json(9)]] });
    db.commit(0, { reads: [], writes: [["a", "b", null]] });
    setStep(5);
    const rows = db.scan(session("r", 1, 2), "a", "a", "d");
    expect(rows.map(([key, text]) => [key, text])).toEqual([["a", json(1)], ["c", json(3)]]);
    // Versions come back with the rows: "a" and "c" were written by the first commit.
    expect(rows.map(([, , version]) => version)).toEqual([1, 1]);
    expect(db.facts.facts).toEqual([
      { reader: "r", instance: 1, life: 2, source: "database", namespace: "a", scan: true, from: "a", to: "d", entries: [["a", json(1)], ["c", json(3)]], step: 5, ticks: 0 },
    ]);
    setStep(6);
    expect(db.scan(session("r", 1, 2), "a", undefined, undefined).map(([key]) => key)).toEqual(["a", "c", "d"]);
    // An unbounded scan has no from/to; a scan of an empty namespace is a fact with no entries.
    db.scan(session("r", 1, 2), "empty", "x", undefined);
    expect(db.facts.facts.slice(1)).toEqual([
      { reader: "r", instance: 1, life: 2, source: "database", namespace: "a", scan: true, entries: [["a", json(1)], ["c", json(3)], ["d", json(4)]], step: 6, ticks: 0 },
      { reader: "r", instance: 1, life: 2, source: "database", namespace: "empty", scan: true, from: "x", entries: [], step: 6, ticks: 0 },
    ]);
    expect(Object.keys(db.facts.facts[1])).not.toContain("from");
  });

  it("records into the ReadFacts it is given", () => {
    const facts = new ReadFacts();
    const db = new ExternalDatabase(new History(), () => 0, facts);
    expect(db.facts).toBe(facts);
    db.read(session("r", 0), "a", "k");
    expect(facts.facts).toHaveLength(1);
  });

  it("keeps no fact of a commit", () => {
    const { db } = setup();
    db.commit(0, { reads: [["a", "k", 0]], writes: [["a", "k", json(1)]] });
    expect(db.facts.facts).toEqual([]);
  });

  it("stamps every fact with the virtual time of the read", () => {
    let now = 5;
    const db = new ExternalDatabase(new History(), () => 0, new ReadFacts(() => now));
    db.read(session("r", 0), "a", "k");
    now = 12;
    db.scan(session("r", 0), "a", undefined, undefined);
    expect(db.facts.facts.map((f) => f.ticks)).toEqual([5, 12]);
  });
});

describe("ExternalDatabase listings", () => {
  it("gives contents and entries in key order and names sorted, whatever the write order", () => {
    const { db } = setup();
    db.commit(0, { reads: [], writes: [["zeta", "b", json(2)], ["alpha", "z", json(26)], ["zeta", "a", json({ x: [1] })]] });
    db.commit(0, { reads: [], writes: [["alpha", "m", json(13)], ["alpha", "a", json(1)], ["gone", "k", json(0)]] });
    db.commit(0, { reads: [], writes: [["gone", "k", null]] });
    expect([...db.contents("alpha").keys()]).toEqual(["a", "m", "z"]);
    expect([...db.contents("zeta")]).toEqual([["a", { x: [1] }], ["b", 2]]);
    expect(db.entries("alpha")).toEqual([["a", "1"], ["m", "13"], ["z", "26"]]);
    expect(db.entries("zeta")).toEqual([["a", json({ x: [1] })], ["b", "2"]]);
    // A namespace whose keys were all deleted still held a key once.
    expect(db.names()).toEqual(["alpha", "gone", "zeta"]);
    expect(db.contents("gone").size).toBe(0);
    expect(db.contents("never").size).toBe(0);
    expect(db.entries("never")).toEqual([]);
  });

  it("decodes contents into fresh copies", () => {
    const { db } = setup();
    db.commit(0, { reads: [], writes: [["a", "k", json({ n: 1 })]] });
    (db.contents("a").get("k") as { n: number }).n = 99;
    expect(db.contents("a").get("k")).toEqual({ n: 1 });
  });
});

describe("ExternalDatabase history", () => {
  it("records databaseRead (instance, version, present) and databaseCommit (instance, result, version after or writes refused)", () => {
    const { db, records } = setup();
    db.read(session("r", 2), "a", "k");
    db.commit(1, { reads: [["a", "k", 0]], writes: [["a", "k", json(1)], ["a", "j", json(2)]] });
    db.read(session("r", 2), "a", "k");
    db.commit(0, { reads: [["a", "k", 0]], writes: [["a", "k", json(3)], ["a", "j", json(4)], ["a", "i", json(5)]] });
    db.commit(3, { reads: [], writes: [["a", "x", json(6)]] });
    db.scan(session("r", 1), "a", undefined, undefined);
    db.scan(session("r", 1), "empty", undefined, undefined);
    expect(records(Op.databaseRead)).toEqual([
      [2, 0, 0],
      [2, 1, 1],
      [1, -1, 3],
      [1, -1, 0],
    ]);
    expect(records(Op.databaseCommit)).toEqual([
      [1, CommitResult.applied, 1],
      [0, CommitResult.conflict, 3],
      [3, CommitResult.applied, 2],
    ]);
    expect(CommitResult).toEqual({ applied: 0, conflict: 1 });
  });

  it("records a delayed request when it is served, after the request that released it", () => {
    const { db, history } = setup();
    db.delay(() => db.commit(4, { reads: [], writes: [["a", "k", json(1)]] }));
    expect(history.length).toBe(0);
    db.read(session("r", 5), "a", "k");
    expect(Array.from({ length: history.length }, (_, i) => history.data.slice(i * 4, i * 4 + 4))).toEqual([
      [Op.databaseRead, 5, 0, 0],
      [Op.databaseCommit, 4, CommitResult.applied, 1],
    ]);
  });
});
