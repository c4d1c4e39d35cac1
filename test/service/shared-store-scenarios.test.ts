// The two built-in shared-store scenarios, briefly: service B reading service A's table in the
// shared database is caught by monotonic-reads; B reading its own copy passes, its reads judged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeSchedule, runScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { coverageScopeOf } from "../../src/report/coverage-scope.ts";
import { coverageShareFields } from "../../src/report/coverage-summary.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import { builtInScenario } from "../helpers.ts";

const seed = 1;
const schedules = 60;

describe("the shared-store scenarios", () => {
  it(`shared-store-anti-pattern fails monotonic-reads within ${schedules} schedules (seed ${seed}), naming service-b and a customer`, async () => {
    const scenario = await builtInScenario("shared-store-anti-pattern");
    expect(scenario.expect).toBe("fail");
    expect(scenario.world.service?.monotonicReads).toEqual({ reader: "service-b", namespace: "customers", version: "version" });
    const result = runScenario(scenario, { seed, runs: schedules, shrinkTimeLimitSeconds: 3 });
    expect(result.error).toBeNull();
    expect(result.failure, "the non-monotonic read was not found").not.toBeNull();
    expect(result.failure!.schedulesToFailure).toBeLessThanOrEqual(schedules);
    const failing = result.failure!.verdict.verdicts.filter((v) => v.valid !== true);
    expect(failing.map((v) => v.checker)).toEqual(["monotonic-reads"]);
    expect(failing[0].evidence.reads).toBeGreaterThan(0);
    const [anomaly] = failing[0].anomalies;
    expect(["read-went-back", "read-disappeared"]).toContain(anomaly.kind);
    expect(anomaly.key).toMatch(/^cust-/);
    expect(anomaly.detail).toContain("service-b");
    expect(anomaly.detail).toContain(anomaly.key!);
    expect(anomaly.detail).toMatch(/cust-\S+/);
    expect(result.status).toBe("failed");
  });

  it(`shared-store-own-copy passes ${schedules} schedules (seed ${seed}), and monotonic-reads judges B's store reads`, async () => {
    const scenario = await builtInScenario("shared-store-own-copy");
    expect(scenario.expect).toBe("pass");
    expect(scenario.checkers.map((c) => c.name)).toContain("monotonic-reads");
    const result = runScenario(scenario, { seed, runs: schedules });
    expect(result.error).toBeNull();
    expect(result.failure?.verdict.verdicts.filter((v) => v.valid !== true).map((v) => `${v.checker}: ${v.anomalies[0]?.detail}`) ?? []).toEqual([]);
    expect(result.runs).toBe(schedules);
    expect(result.status).toBe("passed");
    // A passing run keeps no verdicts: judge a few of the scenario's schedules again to see
    // that monotonic-reads had B's reads (of its own store) to judge, not nothing.
    const judged = fc.sample(scheduleArbitrary(scenario.shape), { seed, numRuns: 10 }).map((schedule) => judgeSchedule(scenario, schedule));
    for (const { verdict } of judged) expect(verdict.ok).toBe(true);
    const reads = judged.map(({ verdict }) => verdict.verdicts.find((v) => v.checker === "monotonic-reads")!.evidence.reads ?? 0);
    expect(reads.filter((n) => n > 0).length, `reads judged per schedule: ${reads.join(", ")}`).toBeGreaterThanOrEqual(5);
    const facts = judged.flatMap(({ view }) => view.reads);
    expect(facts.length).toBeGreaterThan(0);
    expect(new Set(facts.map((f) => `${f.reader} ${f.source}`))).toEqual(new Set(["service-b store"]));
  });

  it("a misspelled monotonicReads reader judges nothing and the run says so in a warning; the right name does not warn", async () => {
    const scenario = await builtInScenario("shared-store-own-copy");
    const named = (reader: string): Scenario => ({ ...scenario, world: { ...scenario.world, service: { ...scenario.world.service!, monotonicReads: { ...scenario.world.service!.monotonicReads!, reader } } } });
    const warningsOf = (s: Scenario) => {
      const result = runScenario(s, { seed, runs: 100 });
      expect(result.status).toBe("passed");
      return coverageShareFields(result.coverage, { runs: result.runs, found: false }, coverageScopeOf(s)).warnings.filter((w) => w.includes("monotonic-reads"));
    };
    expect(warningsOf(named("service-c"))).toEqual(['warning: monotonic-reads judged no read by reader "service-c" of table "customers" in 100 schedules (check service.monotonicReads against the service\'s reader and namespace names)']);
    expect(warningsOf(named("service-b"))).toEqual([]);
  });
});
