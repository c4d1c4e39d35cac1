// The reference runtime's store in SQLite (`store: "sqlite"`): the same histories as the
// in-memory store on every built-in processor (with a bounded dedupe window too, whose
// expiry order reaches the changelog), values read back frozen, a replaced namespace left as
// it was for whoever holds it, and commits all or nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { scheduleArbitrary } from "../../src/schedule/schedule-arbitrary.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldConfig } from "../../src/sim/world-config.ts";
import { Disk } from "../../src/store/disk.ts";
import { SqliteNamespaces } from "../../src/store/sqlite-namespaces.ts";

const files = ["bank-ledger", "customer-table", "inventory", "click-counter", "inventory-moves"].map((name) => `scenarios/${name}.scenario.ts`);

describe("the reference runtime on the SQLite store", () => {
  it.each(files)("gives %s the same histories as the in-memory store", async (file) => {
    const [scenario] = await loadScenarioFile(file);
    const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 3, numRuns: 25 });
    const hashes = (world: WorldConfig) => schedules.map((schedule) => runSchedule(world, schedule).history.hex());
    expect(hashes({ ...scenario.world, store: "sqlite" })).toEqual(hashes({ ...scenario.world, store: "memory" }));
  });

  it("expires dedupe IDs in the order they were added, as the in-memory store does", async () => {
    const [scenario] = await loadScenarioFile("scenarios/bank-ledger.scenario.ts");
    const world = { ...scenario.world, runtime: { ...scenario.world.runtime, dedupeWindowOffsets: 2 } };
    const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 4, numRuns: 25 });
    const hashes = (store: "memory" | "sqlite") => schedules.map((schedule) => runSchedule({ ...world, store }, schedule).history.hex());
    expect(hashes("sqlite")).toEqual(hashes("memory"));
  });
});

describe("SqliteNamespaces", () => {
  it("hands out frozen copies: a processor cannot change what it read", () => {
    const disk = new Disk(null, new SqliteNamespaces());
    const store = disk.commit(disk.begin(0).put("a", { n: [1] }));
    const value = store.get("a") as { n: number[] };
    expect(() => value.n.push(2)).toThrow(TypeError);
    expect(store.get("a")).toEqual({ n: [1] });
    disk.close();
  });

  it("leaves a namespace replaced by a restore, or lost in a wipe, as it was for whoever holds it", () => {
    const disk = new Disk(null, new SqliteNamespaces());
    const before = disk.commit(disk.begin(0).put("a", 1).addDedupe("x", 0));
    disk.restore(0, { state: new Map([["b", 2]]), dedupe: new Map(), nextOffset: 7, outbox: [], checkpoint: 3 });
    expect([before.get("a"), before.get("b"), before.hasDedupe("x"), before.nextOffset]).toEqual([1, undefined, true, 0]);
    const restored = disk.find(0)!;
    expect([restored.get("a"), restored.get("b"), restored.nextOffset, restored.checkpoint]).toEqual([undefined, 2, 7, 3]);
    disk.wipe();
    expect([restored.get("b"), disk.find(0), disk.namespaceCount]).toEqual([2, undefined, 0]);
    disk.close();
  });

  it("applies all of a transaction or none of it", () => {
    const disk = new Disk(null, new SqliteNamespaces());
    disk.commit(disk.begin(0).put("a", 1));
    // A value JSON cannot encode stops the commit after its first write.
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const tx = disk.begin(0).put("a", 2).put("b", cyclic).addDedupe("x", 1);
    tx.nextOffset = 5;
    expect(() => disk.commit(tx)).toThrow();
    const store = disk.find(0)!;
    expect([store.get("a"), store.get("b"), store.hasDedupe("x"), store.nextOffset, store.stateSize]).toEqual([1, undefined, false, 0, 1]);
    disk.close();
  });
});
