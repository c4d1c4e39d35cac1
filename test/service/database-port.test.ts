// The host side of the external database: each request is an operation of the life, and the
// network's outcome for the database target decides whether it is served and what the
// service is told.
import { describe, expect, it } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { History, Op } from "../../src/core/history.ts";
import { Streams } from "../../src/core/prng.ts";
import { databaseTarget, NetworkFaults } from "../../src/faults/network.ts";
import { type DatabaseErrorCode, type ReadReply, WorldDatabasePort } from "../../src/service/database-port.ts";
import { type CommitRequest, ExternalDatabase } from "../../src/service/external-database.ts";
import { Life, OperationKind, serviceCrashPoints } from "../../src/service/life.ts";

const instance = 2;

function setup() {
  const history = new History();
  const streams = new Streams(1);
  const database = new ExternalDatabase(history, () => 0);
  const network = new NetworkFaults(history);
  const newLife = (number: number) => new Life(instance, number, streams.get(`service/${instance}/schedule/${number}`), streams.get(`service/${instance}/random/${number}`), () => 0);
  const life = newLife(1);
  const port = new WorldDatabasePort(life, database, network);
  /** Make a commit request and record what the service is told. */
  const commit = (request: CommitRequest) => {
    const replies: Array<DatabaseErrorCode | null> = [];
    port.commit(request, (error) => replies.push(error));
    return replies;
  };
  const get = (namespace: string, key: string) => {
    const replies: Array<[DatabaseErrorCode | null, ReadReply | undefined]> = [];
    port.get("reader", namespace, key, (error, value) => replies.push([error, value]));
    return replies;
  };
  const lost = () => {
    const out: number[][] = [];
    for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === Op.lost) out.push(history.data.slice(i + 1, i + 3));
    return out;
  };
  return { history, database, network, life, port, commit, get, lost, newLife };
}

const write = (key: string, value: unknown): CommitRequest => ({ reads: [], writes: [["ns", key, JSON.stringify(value)]] });

describe("WorldDatabasePort", () => {
  it("makes each request an operation of the life, served only when it settles", () => {
    const { life, port, database, commit } = setup();
    expect(port.instance).toBe(instance);
    const replies = commit(write("k", 1));
    expect(life.pending).toBe(1);
    expect(life.waitsOn(OperationKind.database)).toBe(true);
    expect(serviceCrashPoints[life.crashPoint()]).toBe("before-database-request");
    expect(replies).toEqual([]);
    expect(database.contents("ns").size).toBe(0);
    expect(life.settleOne()).toBe(true);
    expect(life.lastSettled).toBe(OperationKind.database);
    expect(life.pending).toBe(0);
    expect(replies).toEqual([null]);
    expect(database.contents("ns").get("k")).toBe(1);
  });

  it("acked: served, and the reply given", () => {
    const { network, life, database, commit, get, lost } = setup();
    network.arm(databaseTarget, SendOutcome.acked);
    const replies = commit(write("k", "v"));
    life.settleOne();
    expect(replies).toEqual([null]);
    expect(database.contents("ns").get("k")).toBe("v");
    const read = get("ns", "k");
    life.settleOne();
    expect(read).toHaveLength(1);
    expect(read[0][0]).toBeNull();
    expect(read[0][1]?.text).toBe(JSON.stringify("v"));
    expect(read[0][1]?.version).toBeGreaterThan(0);
    expect(lost()).toEqual([[databaseTarget, SendOutcome.acked]]);
  });

  it("notAppended: not served, TIMEOUT", () => {
    const { network, life, database, commit, get, lost } = setup();
    network.arm(databaseTarget, SendOutcome.notAppended);
    const replies = commit(write("k", 1));
    life.settleOne();
    expect(replies).toEqual(["TIMEOUT"]);
    expect(database.contents("ns").size).toBe(0);
    expect(database.names()).toEqual([]);
    expect(lost()).toEqual([[databaseTarget, SendOutcome.notAppended]]);
    // A lost read is not served either: no fact of it.
    network.arm(databaseTarget, SendOutcome.notAppended);
    const read = get("ns", "k");
    life.settleOne();
    expect(read).toEqual([["TIMEOUT", undefined]]);
    expect(database.facts.facts).toEqual([]);
  });

  it("ackLost: served, TIMEOUT", () => {
    const { network, life, database, commit, get } = setup();
    network.arm(databaseTarget, SendOutcome.ackLost);
    const replies = commit(write("k", 1));
    life.settleOne();
    expect(replies).toEqual(["TIMEOUT"]);
    expect(database.contents("ns").get("k")).toBe(1);
    network.arm(databaseTarget, SendOutcome.ackLost);
    const read = get("ns", "k");
    life.settleOne();
    expect(read).toEqual([["TIMEOUT", undefined]]);
    // Served (the history has it) but never seen by the reader: not a read fact.
    expect(database.facts.facts).toEqual([]);
    const delivered = get("ns", "k");
    life.settleOne();
    expect(delivered).toEqual([[null, { text: "1", version: 1 }]]);
    expect(database.facts.facts.map((r) => [r.reader, r.instance, r.life, r.source, r.scan, r.entries])).toEqual([["reader", instance, 1, "database", false, [["k", "1"]]]]);
  });

  it("ambiguous: served, UNAVAILABLE", () => {
    const { network, life, database, commit } = setup();
    network.arm(databaseTarget, SendOutcome.ambiguous);
    const replies = commit(write("k", 1));
    life.settleOne();
    expect(replies).toEqual(["UNAVAILABLE"]);
    expect(database.contents("ns").get("k")).toBe(1);
  });

  it("delayed: TIMEOUT now, served after the next request the database serves", () => {
    const { network, life, database, commit } = setup();
    network.arm(databaseTarget, SendOutcome.delayed);
    const first = commit(write("k", "old"));
    life.settleOne();
    expect(first).toEqual(["TIMEOUT"]);
    expect(database.contents("ns").size).toBe(0);
    expect(database.delayedCount).toBe(1);
    // The retry is served, then the request held back lands on top of it.
    const retry = commit(write("k", "new"));
    life.settleOne();
    expect(retry).toEqual([null]);
    expect(database.delayedCount).toBe(0);
    expect(database.contents("ns").get("k")).toBe("old");
    // The delayed request's reply never reaches the service.
    expect(first).toEqual(["TIMEOUT"]);
  });

  it("delayed: a request lost on the way does not release what is held back; healing does", () => {
    const { network, life, database, commit } = setup();
    network.arm(databaseTarget, SendOutcome.delayed);
    network.arm(databaseTarget, SendOutcome.notAppended);
    commit(write("k", 1));
    life.settleOne();
    const lostRetry = commit(write("k", 2));
    life.settleOne();
    expect(lostRetry).toEqual(["TIMEOUT"]);
    expect(database.delayedCount).toBe(1);
    expect(database.contents("ns").size).toBe(0);
    database.releaseDelayed();
    expect(database.contents("ns").get("k")).toBe(1);
  });

  it("CONFLICT: a commit whose read version changed is refused and writes nothing", () => {
    const { life, database, commit } = setup();
    commit(write("k", 1));
    life.settleOne();
    const version = database.read({ reader: "probe", instance: 0, life: 1 }, "ns", "k").version;
    commit({ reads: [["ns", "k", version]], writes: [["ns", "k", "2"]] });
    life.settleOne();
    const replies = commit({ reads: [["ns", "k", version]], writes: [["ns", "k", "3"], ["ns", "j", "4"]] });
    life.settleOne();
    expect(replies).toEqual(["CONFLICT"]);
    expect([...database.contents("ns")]).toEqual([["k", 2]]);
  });

  it("a conflicting commit whose reply is an error is UNAVAILABLE, and still writes nothing", () => {
    const { network, life, database, commit } = setup();
    commit(write("k", 1));
    life.settleOne();
    network.arm(databaseTarget, SendOutcome.ambiguous);
    const replies = commit({ reads: [["ns", "k", 0]], writes: [["ns", "k", "2"]] });
    life.settleOne();
    expect(replies).toEqual(["UNAVAILABLE"]);
    expect(database.contents("ns").get("k")).toBe(1);
  });

  it("scans through the network too", () => {
    const { network, life, port, database, commit } = setup();
    commit({ reads: [], writes: [["ns", "b", "2"], ["ns", "a", "1"], ["ns", "c", "3"]] });
    life.settleOne();
    const rows: unknown[] = [];
    port.scan("reader", "ns", "a", "c", (error, value) => rows.push(error, value?.map(([key, text]) => [key, text])));
    life.settleOne();
    expect(rows).toEqual([null, [["a", "1"], ["b", "2"]]]);
    network.arm(databaseTarget, SendOutcome.notAppended);
    port.scan("reader", "ns", undefined, undefined, (error, value) => rows.push(error, value));
    life.settleOne();
    expect(rows.slice(2)).toEqual(["TIMEOUT", undefined]);
    // One fact for the scan served (the lost one was not served).
    expect(database.facts.facts).toEqual([{ reader: "reader", instance, life: 1, source: "database", namespace: "ns", scan: true, from: "a", to: "c", entries: [["a", "1"], ["b", "2"]], step: 0, ticks: 0 }]);
  });

  it("gets and scans are quiet operations (a poll is not progress); a commit is not", () => {
    const { life, port, commit, get } = setup();
    commit(write("k", 1));
    life.settleOne();
    expect(life.lastSettledQuiet).toBe(false);
    get("ns", "k");
    life.settleOne();
    expect(life.lastSettled).toBe(OperationKind.database);
    expect(life.lastSettledQuiet).toBe(true);
    port.scan("reader", "ns", undefined, undefined, () => {});
    life.settleOne();
    expect(life.lastSettledQuiet).toBe(true);
    commit(write("k", 2));
    life.settleOne();
    expect(life.lastSettledQuiet).toBe(false);
  });

  it("reads in the session of its life: the reader, the life's instance and number", () => {
    const { network, database, newLife } = setup();
    const life = newLife(3);
    const third = new WorldDatabasePort(life, database, network);
    third.get("service-b", "ns", "k", () => {});
    life.settleOne();
    third.scan("service-b", "ns", "a", undefined, () => {});
    life.settleOne();
    expect(database.facts.facts.map((f) => [f.reader, f.instance, f.life, f.scan])).toEqual([
      ["service-b", instance, 3, false],
      ["service-b", instance, 3, true],
    ]);
  });

  it("is not affected by an outcome armed for another target", () => {
    const { network, life, database, commit, lost } = setup();
    network.arm(SendTarget.output, SendOutcome.notAppended);
    network.arm(SendTarget.changelog, SendOutcome.ackLost);
    const replies = commit(write("k", 1));
    life.settleOne();
    expect(replies).toEqual([null]);
    expect(database.contents("ns").get("k")).toBe(1);
    expect(lost()).toEqual([]);
    // The output's failure is still armed for the output.
    expect(network.outcome(SendTarget.output)).toBe(SendOutcome.notAppended);
    expect(network.outcome(SendTarget.changelog)).toBe(SendOutcome.ackLost);
  });

  it("never serves a request its life did not settle (the life was dropped, as on a crash)", () => {
    const { network, database, history, commit, newLife } = setup();
    commit(write("k", "from the dead life"));
    // The instance restarts: a new life, a new port; the old life's operation is never run.
    const next = newLife(2);
    const port = new WorldDatabasePort(next, database, network);
    const replies: Array<DatabaseErrorCode | null> = [];
    port.commit(write("j", "from the new life"), (error) => replies.push(error));
    next.settleOne();
    expect(replies).toEqual([null]);
    expect(next.settleOne()).toBe(false);
    expect([...database.contents("ns")]).toEqual([["j", "from the new life"]]);
    expect(history.data.filter((_, i) => i % 4 === 0 && history.data[i] === Op.databaseCommit)).toHaveLength(1);
  });
});
