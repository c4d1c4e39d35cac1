// Determinism is the product: the same scenario and seed give byte-identical histories, in
// this process and in a fresh one.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSchedule } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { builtInScenario } from "../helpers.ts";

describe("determinism", () => {
  it("same schedule, same history hash, step by step", async () => {
    const scenario = await builtInScenario("bank-ledger");
    const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 99, numRuns: 50 });
    for (const schedule of schedules) {
      const a = runSchedule(scenario.world, schedule).history;
      const b = runSchedule(scenario.world, schedule).history;
      expect(b.hex()).toBe(a.hex());
      expect(b.stepHashes).toEqual(a.stepHashes);
    }
  });

  it("different schedules give different hashes", async () => {
    const scenario = await builtInScenario("bank-ledger");
    const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 5, numRuns: 30 });
    const hashes = new Set(schedules.map((s) => runSchedule(scenario.world, s).history.hex()));
    expect(hashes.size).toBeGreaterThan(25);
  });

  it("a fresh process computes the same hashes", async () => {
    const scenario = await builtInScenario("bank-ledger");
    const script = `
      import fc from "fast-check";
      import { findScenarioFiles, loadScenarios, runSchedule } from "./src/index.ts";
      import { scheduleArbitrary } from "./src/fast-check.ts";
      const [s] = (await loadScenarios(findScenarioFiles("scenarios"))).filter((x) => x.name === "bank-ledger");
      const out = fc.sample(scheduleArbitrary(s.shape), { seed: 123, numRuns: 20 }).map((x) => runSchedule(s.world, x).history.hex());
      console.log(JSON.stringify(out));`;
    const stdout = execFileSync(process.execPath, ["--conditions=eosim-source", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    const here = fc.sample(scheduleArbitrary(scenario.shape), { seed: 123, numRuns: 20 }).map((x) => runSchedule(scenario.world, x).history.hex());
    expect(JSON.parse(stdout)).toEqual(here);
  });
});
