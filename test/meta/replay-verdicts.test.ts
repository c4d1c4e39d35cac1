// A repro replays `fails` on unchanged code, `passes` after the bug's fix, and
// `diverged at step k` after an unrelated behaviour change before the failure point.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/index.ts";
import { reproOf } from "../../src/report/repro-file.ts";
import { replayRepro } from "../../src/report/replay.ts";
import { findMutant } from "../../src/runtime/mutants.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import { mutantScenario } from "../../src/scenario/mutant-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";

function withRuntime(scenario: Scenario, runtime: Scenario["world"]["runtime"]): Scenario {
  return { ...scenario, world: { ...scenario.world, runtime } };
}

describe.each(["dedupe-off", "offset-before-state", "outputs-without-outbox"])("a repro of %s", (name) => {
  const scenario = mutantScenario(findMutant(name)!);
  const result = runScenario(scenario, { seed: 11, runs: 2000 });
  const repro = JSON.parse(JSON.stringify(reproOf(scenario, 11, result.failure!)));

  it("replays `fails` on unchanged code, with the same history", () => {
    const replay = replayRepro(repro, scenario);
    expect(replay.verdict).toEqual({ kind: "fails" });
    expect(replay.view.history.hex()).toBe(repro.historyHash);
    expect(replay.firstDifference).toBeNull();
  });

  it("replays `passes` once the bug is fixed (the reference runtime)", () => {
    const replay = replayRepro(repro, withRuntime(scenario, referenceRuntime));
    expect(replay.run.ok).toBe(true);
    expect(replay.verdict).toEqual({ kind: "passes" });
  });

  it("replays `diverged at step k` after an unrelated change before the failure point (a different partitioner)", () => {
    // One more partition: keys hash elsewhere, so the first produce already behaves differently.
    const changed: Scenario = { ...scenario, world: { ...scenario.world, partitions: scenario.world.partitions + 1 } };
    const firstProduce = repro.intents.findIndex((i: { k: string }) => i.k === "produce") + 1;
    expect(firstProduce).toBeLessThan(repro.failureStep);
    const replay = replayRepro(repro, changed);
    expect(replay.verdict).toEqual({ kind: "diverged", step: firstProduce });
  });
});
