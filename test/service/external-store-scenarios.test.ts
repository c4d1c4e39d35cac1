// The two built-in external-database scenarios, briefly: the ledger that keeps its offsets in
// the database transaction passes, the one that keeps them only in the group is caught.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";

const seed = 1;
const schedules = 60;

describe("the external-store scenarios", () => {
  it(`external-store passes ${schedules} schedules (seed ${seed})`, async () => {
    const scenario = await builtInScenario("external-store");
    expect(scenario.expect).toBe("pass");
    expect(scenario.shape.database).toBe(true);
    expect(scenario.world.service?.state).toEqual({ namespace: "balances", in: "database" });
    const result = runScenario(scenario, { seed, runs: schedules });
    expect(result.error).toBeNull();
    expect(result.failure?.verdict.verdicts.filter((v) => v.valid !== true).map((v) => `${v.checker}: ${v.anomalies[0]?.detail}`) ?? []).toEqual([]);
    expect(result.runs).toBe(schedules);
    expect(result.status).toBe("passed");
    // The database's own hazards were met, not only the broker's.
    expect(result.coverage.counts.get("effective:delayed-reply")).toBeGreaterThan(0);
    expect(result.coverage.counts.get("crash-point:before-database-request")).toBeGreaterThan(0);
  });

  // Seed 1's first failing schedule shows this service's other fault first: an output lost
  // (effectively-once-outputs), which is a failure too but not the double apply this asserts.
  const doubleApplySeed = 2;
  it(`external-store-offsets-in-broker fails exactly-once-state within ${schedules} schedules (seed ${doubleApplySeed})`, async () => {
    const scenario = await builtInScenario("external-store-offsets-in-broker");
    expect(scenario.expect).toBe("fail");
    const result = runScenario(scenario, { seed: doubleApplySeed, runs: schedules, shrinkTimeLimitSeconds: 3 });
    expect(result.error).toBeNull();
    expect(result.failure, "the double-apply was not found").not.toBeNull();
    expect(result.failure!.schedulesToFailure).toBeLessThanOrEqual(schedules);
    expect(result.failure!.verdict.verdicts.filter((v) => v.valid !== true).map((v) => v.checker)).toContain("exactly-once-state");
    expect(result.status).toBe("failed");
  });
});
