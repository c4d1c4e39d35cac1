// Every scenario under scenarios/ runs as one test of the suite, through the same helper
// users call in their own test files (eosim/vitest). Seeds are fixed (1, or EOSIM_SEED) so
// CI results are stable; test names are the scenario names, never the seed.
import { describe } from "vitest";
import { scenarioTest } from "eosim/vitest";
import { findScenarioFiles, loadScenarios } from "../src/index.ts";

const scenarios = await loadScenarios(findScenarioFiles("scenarios"));
/** Cap per scenario so `npm test` stays fast; `eosim run` takes each scenario's own `runs`. */
const runsMax = 2000;

describe("built-in scenarios", () => {
  for (const scenario of scenarios) scenarioTest(scenario, { runs: Math.min(scenario.runs, runsMax) });
});
