// Every scenario under scenarios/ runs as one test of the suite, through the same helper
// users call in their own test files (eosim/vitest). The project's own suite fixes the seed
// (1, or EOSIM_SEED when set) so its results are stable; a user's scenarioTest draws a fresh
// one per run unless told. Test names are the scenario names, never the seed.
import { describe } from "vitest";
import { scenarioTest } from "eosim/vitest";
import { findScenarioFiles, loadScenarios } from "../src/index.ts";

const scenarios = await loadScenarios(findScenarioFiles("scenarios"));
/** EOSIM_SEED when set (scenarioTest reads and checks it), else 1. */
const seedOfSuite = process.env.EOSIM_SEED ? undefined : 1;
/** Cap per scenario so `npm test` stays fast; `eosim run` takes each scenario's own `runs`. */
const runsMax = 2000;

describe("built-in scenarios", () => {
  for (const scenario of scenarios) scenarioTest(scenario, { runs: Math.min(scenario.runs, runsMax), seed: seedOfSuite });
});
