// A 2,000-schedule run of the reference runtime over the built-in processors reaches every
// reference crash point, every fault kind and every processor; and it stays correct.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRun, runSchedule } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { defaultFaultKinds } from "../../src/faults/fault-kind.ts";

// A world without an external database enables every kind but delayed-reply.
const faultKinds = defaultFaultKinds(false);
import { Coverage } from "../../src/report/coverage.ts";
import { builtInProcessors } from "../../src/runtime/processors/built-in.ts";
import { crashPointNames, referenceCrashPoints } from "../../src/runtime/task-phase.ts";
import { referenceScenarios } from "../../src/scenario/mutant-scenario.ts";

describe("fault coverage of the reference runtime", () => {
  it("2,000 schedules reach every crash point, fault kind and processor, with no failure", () => {
    const coverage = new Coverage();
    let failures = 0;
    for (const scenario of referenceScenarios()) {
      for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 2024, numRuns: 500 })) {
        const view = runSchedule(scenario.world, schedule);
        if (!checkRun(view, scenario.checkers).ok) failures++;
        coverage.add(schedule, view);
      }
    }
    const counts = coverage.toJSON();
    console.log(JSON.stringify(counts));
    expect(failures).toBe(0);
    for (const point of referenceCrashPoints) expect(counts[`crash-point:${crashPointNames[point]}`] ?? 0, crashPointNames[point]).toBeGreaterThan(0);
    for (const kind of faultKinds) expect(counts[`fault:${kind}`] ?? 0, kind).toBeGreaterThan(0);
    for (const name of Object.keys(builtInProcessors)) expect(counts[`processor:${name}`]).toBe(500);
  });
});

describe("required coverage", () => {
  it("a scenario requiring coverage its faults cannot reach fails, naming what is missing", async () => {
    const { defineScenario, bankLedger, validateScenario, runScenario } = await import("../../src/index.ts");
    const scenario = validateScenario(
      defineScenario({ name: "needs-zombies", description: "d", processor: bankLedger, faults: ["crash"], requiredCoverage: ["fault:crash", "fault:pause"] }),
      "scenarios/needs-zombies.scenario.ts",
    );
    const result = runScenario(scenario, { seed: 3, runs: 200 });
    expect(result.status).toBe("coverage-missing");
    expect(result.coverageMissing).toEqual(["fault:pause"]);
  });

  it("every-crash-point is met by a run with crashes", async () => {
    const { defineScenario, bankLedger, validateScenario, runScenario } = await import("../../src/index.ts");
    const scenario = validateScenario(defineScenario({ name: "all-points", description: "d", processor: bankLedger, requiredCoverage: ["every-crash-point"] }), null);
    const result = runScenario(scenario, { seed: 3, runs: 2000 });
    expect(result.coverageMissing).toEqual([]);
    expect(result.status).toBe("passed");
  });

  it("an unknown label is rejected when the scenario is loaded", async () => {
    const { defineScenario, bankLedger, validateScenario } = await import("../../src/index.ts");
    expect(() => validateScenario(defineScenario({ name: "x", description: "d", processor: bankLedger, requiredCoverage: ["fault:meteor"] }), "s.ts")).toThrowError(
      /s\.ts: requiredCoverage\[0\] must be one of/,
    );
  });
});
