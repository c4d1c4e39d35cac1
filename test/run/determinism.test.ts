import { describe, expect, it } from "vitest";
import { differingStep, sampled } from "../../src/run/determinism.ts";
import { runSchedule } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";
import { scheduleAt } from "../../src/run/run-chunk.ts";

describe("the determinism sample", () => {
  it("is a fixed function of seed and run, of about the fraction asked", () => {
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (sampled(42, i, 0.05)) hits++;
    expect(hits).toBeGreaterThan(800);
    expect(hits).toBeLessThan(1200);
    expect(sampled(42, 17, 0.05)).toBe(sampled(42, 17, 0.05));
    for (let i = 0; i < 100; i++) expect(sampled(7, i, 1)).toBe(true);
  });
});

describe("differingStep", () => {
  it("finds no difference between two runs of a schedule of a deterministic scenario, and finds one between two schedules", async () => {
    const scenario = await builtInScenario("bank-ledger");
    const a = scheduleAt(scenario, { seed: 5, firstRun: 0, size: 100, path: "3" });
    const b = scheduleAt(scenario, { seed: 5, firstRun: 0, size: 100, path: "4" });
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(differingStep(runSchedule(scenario.world, a!), runSchedule(scenario.world, a!))).toBeNull();
    expect(differingStep(runSchedule(scenario.world, a!), runSchedule(scenario.world, b!))).not.toBeNull();
  });
});
