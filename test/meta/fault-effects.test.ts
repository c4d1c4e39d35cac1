// A fault counts as covered only when its effect was observed, so a broken fault shows as a
// coverage hole instead of passing unnoticed: a disk wipe must empty a disk that held
// something, an aimed crash must land on the point it was aimed at.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { crashInstance, crashInstanceAt, crashIntent } from "../../src/faults/crash.ts";
import { wipeIntent } from "../../src/faults/disk-wipe.ts";
import { Coverage } from "../../src/report/coverage.ts";
import { scheduleArbitrary } from "../../src/schedule/schedule-arbitrary.ts";
import { referenceScenarios } from "../../src/scenario/mutant-scenario.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { Disk } from "../../src/store/disk.ts";

const schedules = 300;

/** Coverage counts of `schedules` schedules of the reference bank ledger (every fault kind), seed 5. */
function coverageCounts(): Record<string, number> {
  const scenario = referenceScenarios().find((s) => s.name === "reference-bank-ledger")!;
  const coverage = new Coverage();
  for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 5, numRuns: schedules })) coverage.add(schedule, runSchedule(scenario.world, schedule));
  return coverage.toJSON();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("disk-wipe coverage needs a wipe that emptied a disk", () => {
  it(`is reached in some of ${schedules} schedules`, () => {
    expect(coverageCounts()["fault:disk-wipe"]).toBeGreaterThan(10);
  });

  it("stays at 0 when the wipe intent does nothing", () => {
    vi.spyOn(wipeIntent, "apply").mockImplementation(() => true);
    expect(coverageCounts()["fault:disk-wipe"] ?? 0).toBe(0);
  });

  it("stays at 0 when the wipe crashes the instance and empties nothing (the host still records a wipe)", () => {
    vi.spyOn(Disk.prototype, "wipe").mockImplementation(() => {});
    const counts = coverageCounts();
    expect(counts["fault:disk-wipe"] ?? 0).toBe(0);
    // the instances still crashed: only the wipe itself was a no-op
    expect(counts["fault:crash"]).toBeGreaterThan(0);
  });
});

describe("crash coverage needs an aimed crash that landed on its point", () => {
  it(`is reached in some of ${schedules} schedules`, () => {
    expect(coverageCounts()["fault:crash"]).toBeGreaterThan(10);
  });

  it("stays at 0 when crashes ignore their aim (all crash where the instance is)", () => {
    vi.spyOn(crashIntent, "apply").mockImplementation((world, intent) => crashInstance(world.hostAt(intent.instance)) !== null);
    const counts = coverageCounts();
    expect(counts["fault:crash"] ?? 0).toBe(0);
    // crashes still happened, at crash points as usual
    expect(counts["crash-point:before-poll"]).toBeGreaterThan(0);
  });

  it("drops to a fraction when aimed crashes are not stepped toward their point", () => {
    const aimed = coverageCounts()["fault:crash"];
    vi.spyOn(crashIntent, "apply").mockImplementation((world, intent) => {
      const host = world.hostAt(intent.instance);
      return intent.point === undefined ? crashInstance(host) !== null : crashInstanceAt(host, host.aimAt(intent.point), 0) !== null;
    });
    expect(coverageCounts()["fault:crash"] ?? 0).toBeLessThan(aimed / 2);
  });
});
