// Reads of an instance's own store through a named reader (`store.reader(name)`), over the
// real store facade and host port: each is a read fact with source "store"; plain reads are not.
import { describe, expect, it } from "vitest";
import type { BrokerClient } from "../../src/broker/broker-client.ts";
import type { GroupClient } from "../../src/broker/group-client.ts";
import { Streams } from "../../src/core/prng.ts";
import { Life } from "../../src/service/life.ts";
import { MemoryServiceDisk } from "../../src/service/memory-service-disk.ts";
import { ReadFacts } from "../../src/service/read-facts.ts";
import { storeFacade } from "../../src/service/store-facade.ts";
import { WorldStorePort } from "../../src/service/store-port.ts";

const instance = 3;

function setup(lifeNumber = 2) {
  const streams = new Streams(5);
  const life = new Life(instance, lifeNumber, streams.get("schedule"), streams.get("random"), () => 0);
  const facts = new ReadFacts();
  let step = 4;
  // Without a changelog (logged: false), neither the broker nor the group is reached.
  const port = new WorldStorePort(life, new MemoryServiceDisk(), {} as BrokerClient, {} as GroupClient, 2, false, facts, () => step);
  const store = storeFacade(port);
  /** Write `entries` to the store through a transaction and settle its commit. */
  const write = async (namespace: string, entries: Record<string, unknown>) => {
    const tx = store.transaction();
    for (const [key, value] of Object.entries(entries)) tx.put(namespace, key, value);
    const done = tx.commit();
    while (life.settleOne());
    await done;
  };
  return { life, facts, store, write, setStep: (s: number) => void (step = s) };
}

describe("store.reader(name)", () => {
  it("records a get as a fact of the reader: source store, the life's instance and number, the step, the key and its value", async () => {
    const { store, facts, write, setStep } = setup();
    await write("customers/0", { "cust-1": { version: 2, name: "a" } });
    const b = store.reader("b");
    expect(b.get("customers/0", "cust-1")).toEqual({ version: 2, name: "a" });
    setStep(6);
    expect(b.get("customers/0", "cust-9")).toBeUndefined();
    expect(facts.facts).toEqual([
      { reader: "b", instance, life: 2, source: "store", namespace: "customers/0", scan: false, entries: [["cust-1", JSON.stringify({ version: 2, name: "a" })]], step: 4, ticks: 0 },
      { reader: "b", instance, life: 2, source: "store", namespace: "customers/0", scan: false, entries: [["cust-9", null]], step: 6, ticks: 0 },
    ]);
  });

  it("records a scan as one fact with its bounds and the entries it returned", async () => {
    const { store, facts, write } = setup(1);
    await write("customers/1", { "cust-3": { version: 1 }, "cust-1": { version: 5 }, "cust-2": 7, other: 0 });
    const b = store.reader("b");
    expect(b.scan("customers/1", { from: "cust-2", to: "cust-4" })).toEqual([["cust-2", 7], ["cust-3", { version: 1 }]]);
    expect(b.scan("customers/1", { prefix: "cust-1" })).toEqual([["cust-1", { version: 5 }]]);
    expect(b.scan("customers/1").map(([key]) => key)).toEqual(["cust-1", "cust-2", "cust-3", "other"]);
    expect(b.scan("empty")).toEqual([]);
    expect(facts.facts).toEqual([
      { reader: "b", instance, life: 1, source: "store", namespace: "customers/1", scan: true, from: "cust-2", to: "cust-4", entries: [["cust-2", "7"], ["cust-3", JSON.stringify({ version: 1 })]], step: 4, ticks: 0 },
      { reader: "b", instance, life: 1, source: "store", namespace: "customers/1", scan: true, from: "cust-1", to: "cust-1\uffff", entries: [["cust-1", JSON.stringify({ version: 5 })]], step: 4, ticks: 0 },
      { reader: "b", instance, life: 1, source: "store", namespace: "customers/1", scan: true, entries: [["cust-1", JSON.stringify({ version: 5 })], ["cust-2", "7"], ["cust-3", JSON.stringify({ version: 1 })], ["other", "0"]], step: 4, ticks: 0 },
      { reader: "b", instance, life: 1, source: "store", namespace: "empty", scan: true, entries: [], step: 4, ticks: 0 },
    ]);
    // An unbounded scan carries no bounds at all.
    expect(Object.keys(facts.facts[2])).not.toContain("from");
    expect(Object.keys(facts.facts[2])).not.toContain("to");
  });

  it("gives decoded fresh copies, and names each reader apart", async () => {
    const { store, facts, write } = setup();
    await write("ns", { k: { list: [1] } });
    const first = store.reader("b").get<{ list: number[] }>("ns", "k")!;
    first.list.push(2);
    expect(store.reader("c").get("ns", "k")).toEqual({ list: [1] });
    expect(facts.facts.map((f) => f.reader)).toEqual(["b", "c"]);
  });

  it("plain store.get and store.scan, and a transaction's reads, record nothing", async () => {
    const { store, facts, write } = setup();
    await write("customers/0", { "cust-1": { version: 1 } });
    expect(store.get("customers/0", "cust-1")).toEqual({ version: 1 });
    expect(store.get("customers/0", "absent")).toBeUndefined();
    expect(store.scan("customers/0")).toEqual([["cust-1", { version: 1 }]]);
    expect(store.scan("customers/0", { prefix: "cust" })).toHaveLength(1);
    expect(store.transaction().get("customers/0", "cust-1")).toEqual({ version: 1 });
    expect(facts.facts).toEqual([]);
  });
});
