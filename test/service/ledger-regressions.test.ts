// Fixed schedules that once failed the correct ledger service through harness bugs.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario, scenarioOk } from "../../src/index.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";

const file = fileURLToPath(new URL("../fixtures/services/ledger-regressions.scenario.ts", import.meta.url));

describe("the ledger service on schedules that once found harness bugs", () => {
  it("passes each", async () => {
    const scenarios = await loadScenarioFile(file);
    expect(scenarios.map((s) => s.name).sort()).toEqual(["refused-write-kept", "stale-restore-epoch"]);
    for (const scenario of scenarios) {
      const result = runScenario(scenario, { seed: 1 });
      expect(result.failure?.verdict.verdicts.filter((v) => v.valid !== true).map((v) => v.anomalies[0]?.detail) ?? [], scenario.name).toEqual([]);
      expect(scenarioOk(result)).toBe(true);
    }
  });
});
