import { actorSlot, storeSlot } from "../../src/core/packed-fields.ts";
import { describe, expect, it } from "vitest";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { faultSettings } from "../../src/faults/catalogue.ts";
import { restoreRaceFault } from "../../src/faults/restore-race.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { bites } from "../helpers/faults.ts";
import { ledgerConfig } from "../helpers/world.ts";

const changelog = (p: number) => SendTarget.changelog * 256 + p;

/** Compactions between a restore's start and end on the same partition. */
function compactionsDuringRestores(data: readonly number[]): number {
  let restoring = false;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === Op.restoreStart) restoring = true;
    else if (data[i] === Op.restoreEnd) restoring = false;
    else if (data[i] === Op.compact && restoring) count++;
  }
  return count;
}

describe("restore-race", () => {
  it("is a run setting: the cleaner's chance per restore fetch is 0.15 per unit of weight", () => {
    expect(restoreRaceFault.intents).toEqual([]);
    expect(restoreRaceFault.draws).toEqual([]);
    expect(restoreRaceFault.heal).toBeUndefined();
    expect(faultSettings({ "restore-race": 2 }).cleanerChancePerFetch).toBeCloseTo(0.3);
    expect(faultSettings({ "restore-race": 0 }).cleanerChancePerFetch).toBe(0);
    expect(faultSettings({}).cleanerChancePerFetch).toBe(0);
  });

  it("turned on, the cleaner runs inside restores", () => {
    const config = ledgerConfig({ instances: 2, compaction: { segmentRecords: 2, deleteRetentionTicks: 50 } });
    const intents: Intent[] = [];
    for (let draw = 1; draw <= 12; draw++) intents.push({ k: "produce", producer: 0, key: draw % 2, draw }, { k: "step", instance: 0, count: 8 });
    intents.push({ k: "crash", instance: 0 }, { k: "step", instance: 1, count: 20 });
    const run = (mix: Record<string, number>) => runSchedule(config, { seed: 1, faultMix: mix, intents }).history.data;
    expect(compactionsDuringRestores(run({ "restore-race": 3 }))).toBeGreaterThan(0);
    expect(compactionsDuringRestores(run({}))).toBe(0);
  });

  it("bites when a compaction removes records from a changelog partition while a reader scans it (from the boundaries)", () => {
    // instance 1 fetches changelog partition 0; its store's commit for partition 0 ends the scan
    const start = [Op.fetch, actorSlot(1, SendTarget.changelog, 0), 0, 4];
    const end = [Op.storeCommit, storeSlot(1, 0), 5, 0];
    expect(bites(restoreRaceFault, [start, [Op.compact, changelog(0), 2, 0]])).toBe(true);
    expect(bites(restoreRaceFault, [start, [Op.compact, changelog(0), 0, 0]])).toBe(false);
    expect(bites(restoreRaceFault, [start, end, [Op.compact, changelog(0), 2, 0]])).toBe(false);
    expect(bites(restoreRaceFault, [start, [Op.crash, 1, 6, 0], [Op.compact, changelog(0), 2, 0]])).toBe(false);
    expect(bites(restoreRaceFault, [start, [Op.compact, changelog(1), 2, 0]], { partitions: 2 })).toBe(false);
    expect(bites(restoreRaceFault, [[Op.fetch, actorSlot(1, SendTarget.input, 0), 0, 1], [Op.compact, changelog(0), 2, 0]])).toBe(false);
    expect(bites(restoreRaceFault, [[Op.compact, changelog(0), 2, 0]])).toBe(false);
  });
});
