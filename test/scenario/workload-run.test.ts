// Scenarios with a workload, run for real: the mix decides which input events reach the
// broker, the reference runtime still passes, a planted bug is still caught, and its repro
// file (intents with kinds) replays the same failure.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankLedger, customerTable, defineScenario, type Processor, runSchedule, runScenario, validateScenario, type WorkloadOptions } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { readRepro, reproOf, writeRepro } from "../../src/report/repro-file.ts";
import { replayRepro } from "../../src/report/replay.ts";
import { scenarioTest } from "../../src/testing/scenario-test.ts";

/** The kinds of every input event that reached the input topic over `runs` generated schedules. */
function inputKinds(processor: Processor, workload: WorkloadOptions, runs: number): string[] {
  const scenario = validateScenario(defineScenario({ name: "kinds", description: "d", processor, workload }), null);
  const kinds: string[] = [];
  for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 12, numRuns: runs })) {
    for (const record of runSchedule(scenario.world, schedule).inputArchive.flat()) kinds.push((record.value?.payload as { kind: string }).kind);
  }
  return kinds;
}

describe("a scenario's workload in real runs", () => {
  it("mix { withdraw: 1, deposit: 0 } puts only withdrawals on the input topic", () => {
    const kinds = inputKinds(bankLedger as Processor, { mix: { withdraw: 1, deposit: 0 } }, 60);
    expect(kinds.length).toBeGreaterThan(50);
    expect(new Set(kinds)).toEqual(new Set(["withdraw"]));
  });

  it("mix { delete: 1 } makes every customer-table event a delete", () => {
    const kinds = inputKinds(customerTable as Processor, { mix: { delete: 1 }, events: { min: 3, max: 8 } }, 40);
    expect(kinds.length).toBeGreaterThanOrEqual(120);
    expect(new Set(kinds)).toEqual(new Set(["delete"]));
  });

  it("a planted bug is still caught under a workload, and its repro replays the failure", () => {
    const scenario = validateScenario(
      defineScenario({ name: "workload-no-dedupe", description: "d", processor: bankLedger, runtime: { dedupe: false }, workload: { keys: 2, events: { min: 2, max: 12 }, mix: { deposit: 1, withdraw: 1 } }, expect: "fail" }),
      null,
    );
    const result = runScenario(scenario, { seed: 3, runs: 500 });
    expect(result.status).toBe("failed");
    const failure = result.failure!;
    expect(failure.schedule.intents.some((i) => i.k === "produce" && i.kind !== undefined)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "eosim-workload-"));
    const file = join(dir, "repro.json");
    writeRepro(file, reproOf(scenario, 3, failure));
    const repro = readRepro(file);
    expect(repro.intents).toEqual(failure.schedule.intents);
    const replay = replayRepro(repro, scenario);
    expect(replay.verdict.kind).toBe("fails");
    expect(replay.view.history.hex()).toBe(failure.historyHash);
    rmSync(dir, { recursive: true });
  });
});

scenarioTest(
  defineScenario({
    name: "workload-reference",
    description: "bank ledger with a shaped workload on the reference runtime",
    processor: bankLedger,
    workload: { keys: 3, events: { min: 5, max: 25 }, mix: { deposit: 2, withdraw: 1 } },
    intents: { min: 5, max: 40 },
    requiredCoverage: ["fault:crash"],
  }),
  { runs: 300, seed: 1 },
);
