// Every scenario under scenarios/ runs as one test of the suite, with a fixed seed (or
// EOSIM_SEED) so CI results are stable; a failure message carries the seed and the replay.
import { describe, expect, it } from "vitest";
import { findScenarioFiles, loadScenarios, runScenario } from "../src/index.ts";
import { failureText } from "../src/report/failure-text.ts";

const scenarios = await loadScenarios(findScenarioFiles("scenarios"));
const seed = Number(process.env.EOSIM_SEED ?? 1);
const runsMax = 2000;

describe("built-in scenarios", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", (_name, scenario) => {
    const result = runScenario(scenario, { seed, runs: Math.min(scenario.runs, runsMax) });
    const why = result.failure === null
      ? `expected a failure; none in ${result.runs} schedules (seed ${seed})`
      : `seed ${seed}\n${failureText(result.failure, null)}`;
    expect(result.error).toBeNull();
    expect(result.ok, why).toBe(true);
  });
});
