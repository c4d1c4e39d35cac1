// The per-kind share counts beside the coverage labels: `weighted:<kind>` in every schedule
// whose mix weighs the kind, `effective:<kind>` in those of them where it bit; neither is in a
// summary's `coverage`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { faultKinds } from "../../src/faults/fault-kind.ts";
import { Coverage, coverageLabels, jointLabel } from "../../src/report/coverage.ts";
import { crashPointNames } from "../../src/runtime/task-phase.ts";
import { referenceScenarios } from "../../src/scenario/mutant-scenario.ts";

describe("weighted and effective counts", () => {
  const scenario = referenceScenarios()[0];
  const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 7, numRuns: 150 });

  it("weighted:<kind> when the mix weighs it, effective:<kind> when it also bit", () => {
    for (const schedule of schedules) {
      const labels = coverageLabels(schedule, runSchedule(scenario.world, schedule));
      for (const kind of faultKinds) {
        const weighted = schedule.faultMix[kind] > 0;
        expect(labels.has(`weighted:${kind}`), kind).toBe(weighted);
        expect(labels.has(`effective:${kind}`), kind).toBe(weighted && labels.has(`fault:${kind}`));
      }
    }
  });

  it("counts them with the other labels, and leaves them out of the reached counts", () => {
    const coverage = new Coverage();
    for (const schedule of schedules) coverage.add(schedule, runSchedule(scenario.world, schedule));
    const all = coverage.toJSON();
    expect(all["weighted:crash"]).toBe(schedules.filter((s) => s.faultMix.crash > 0).length);
    const reached = coverage.reachedCounts();
    expect(Object.keys(reached).some((label) => label.startsWith("weighted:") || label.startsWith("effective:"))).toBe(false);
    expect(reached).toEqual(Object.fromEntries(Object.entries(all).filter(([label]) => /^(crash-point|fault|processor):/.test(label))));
  });
});

describe("joint counts of a crash point and a fault kind", () => {
  const scenario = referenceScenarios()[0];
  const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 9, numRuns: 150 });

  it("joint:<point>|<kind> exactly when an instance crashed at the point and the kind bit", () => {
    let joint = 0;
    for (const schedule of schedules) {
      const labels = coverageLabels(schedule, runSchedule(scenario.world, schedule));
      for (const point of crashPointNames) {
        for (const kind of faultKinds) {
          const both = labels.has(`crash-point:${point}`) && labels.has(`fault:${kind}`);
          expect(labels.has(jointLabel(point, kind)), `${point} ${kind}`).toBe(both);
          if (both) joint++;
        }
      }
    }
    expect(joint).toBeGreaterThan(0);
  });

  it("leaves them out of the reached counts", () => {
    const coverage = new Coverage();
    for (const schedule of schedules) coverage.add(schedule, runSchedule(scenario.world, schedule));
    expect(Object.keys(coverage.toJSON()).some((label) => label.startsWith("joint:"))).toBe(true);
    expect(Object.keys(coverage.reachedCounts()).some((label) => label.startsWith("joint:"))).toBe(false);
  });
});
