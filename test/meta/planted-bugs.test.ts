// Meta-tests: the harness must pass the reference runtime and catch the planted bug, and
// the shrunk counterexample must replay to the same history.
import { describe, expect, it } from "vitest";
import { judgeSchedule, runScenario } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";

describe("bank-ledger on the reference runtime", () => {
  it("passes 2,000 generated fault schedules", async () => {
    const scenario = await builtInScenario("bank-ledger");
    const result = runScenario(scenario, { seed: 424242, runs: 2000 });
    expect(result.error).toBeNull();
    expect(result.failure?.verdict.verdicts.filter((v) => v.valid !== true) ?? []).toEqual([]);
    expect(result.runs).toBe(2000);
    expect(result.status).toBe("passed");
  });
});

describe("bank-ledger-no-dedupe (planted bug)", () => {
  it("is caught, shrunk, and its counterexample replays to the same history hash", async () => {
    const scenario = await builtInScenario("bank-ledger-no-dedupe");
    const result = runScenario(scenario, { seed: 7, runs: 2000 });
    expect(result.status).toBe("failed");
    const failure = result.failure!;
    expect(failure.verdict.failure).toBe("safety");
    const kinds = failure.verdict.verdicts.flatMap((v) => v.anomalies.map((a) => a.kind));
    expect(kinds).toContain("state-divergence");
    expect(failure.schedule.intents.length).toBeLessThanOrEqual(6);
    const replayed = judgeSchedule(scenario, failure.schedule);
    expect(replayed.verdict.ok).toBe(false);
    expect(replayed.view.history.hex()).toBe(failure.historyHash);
    expect(replayed.view.history.stepHashes).toEqual(failure.stepHashes);
  });

  it("is not caught when the faults that expose it are off", async () => {
    const scenario = await builtInScenario("bank-ledger-no-dedupe");
    const calm = { ...scenario, shape: { ...scenario.shape, faults: [] } };
    const result = runScenario(calm, { seed: 7, runs: 300 });
    expect(result.failure).toBeNull();
  });
});
