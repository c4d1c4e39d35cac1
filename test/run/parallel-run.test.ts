// Chunked, parallel and sharded runs report what a single thread reports for the same seed:
// the same schedules run, the same first failure, shrunk to the same schedule. (No timing
// assertions: speed lives in the benchmark.)
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run/run-scenario.ts";
import type { ScenarioResult } from "../../src/run/scenario-result.ts";
import { runScenarioParallel } from "../../src/run/parallel-run.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { planChunks } from "../../src/run/schedule-chunks.ts";
import { WorkerPool } from "../../src/run/worker-pool.ts";
import { builtInScenario } from "../helpers.ts";

const lateFailure = async () => (await loadScenarioFile("test/fixtures/late-failure.scenario.ts"))[0];

/** Everything about a result that does not depend on timing. */
function outcome(result: ScenarioResult) {
  return {
    runs: result.runs,
    status: result.status,
    intents: result.failure?.schedule.intents ?? null,
    faultMix: result.failure?.schedule.faultMix ?? null,
    path: result.failure?.path ?? null,
    historyHash: result.failure?.historyHash ?? null,
    schedulesToFailure: result.failure?.schedulesToFailure ?? null,
    coverage: result.coverage.toJSON(),
    chunks: result.chunks.map((c) => [c.index, c.runs, c.failedAt]),
  };
}

describe("chunks", () => {
  it("split a run into consecutive slices of its seed's schedules, and shards partition them", () => {
    const all = planChunks(1050, 7);
    expect(all.map((c) => [c.index, c.firstRun, c.size])).toEqual([...Array.from({ length: 10 }, (_, i) => [i, i * 100, 100]), [10, 1000, 50]]);
    const shards = [1, 2, 3].map((index) => planChunks(1050, 7, { index, count: 3 }).map((c) => c.index));
    expect(shards).toEqual([[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8]]);
  });

  it("a planted bug found in a later chunk is the same failure as in one fast-check run", async () => {
    const result = runScenario(await lateFailure(), { seed: 1, runs: 1000 });
    expect(result.failure).not.toBeNull();
    expect(result.runs).toBe(272);
    expect(result.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(result.failure!.path.split(":")[0]).toBe("271");
  });
});

describe("--workers 2 and --shard give the same failures as one worker", () => {
  it("two worker threads: same runs, failure, shrunk schedule, history and coverage", async () => {
    const pool = new WorkerPool(2);
    try {
      const scenario = await lateFailure();
      const single = runScenario(scenario, { seed: 1, runs: 1000 });
      const parallel = await runScenarioParallel(scenario, { seed: 1, runs: 1000, workers: 2, pool });
      expect(outcome(parallel)).toEqual(outcome(single));
      const passing = await builtInScenario("click-counter");
      const a = runScenario(passing, { seed: 4, runs: 450 });
      const b = await runScenarioParallel(passing, { seed: 4, runs: 450, workers: 2, pool });
      expect(outcome(b)).toEqual(outcome(a));
      expect(b.runs).toBe(450);
    } finally {
      await pool.close();
    }
  });

  it("shards: the lowest failing chunk over all shards is the unsharded failure", async () => {
    const scenario = await lateFailure();
    const single = runScenario(scenario, { seed: 1, runs: 1000 });
    const shards = [1, 2, 3].map((index) => runScenario(scenario, { seed: 1, runs: 1000, shard: { index, count: 3 } }));
    const lowest = (r: ScenarioResult) => r.chunks.find((c) => c.failedAt !== null)?.index ?? Infinity;
    const winner = shards.reduce((best, r) => (lowest(r) < lowest(best) ? r : best));
    expect(lowest(winner)).toBe(2);
    expect(winner.failure!.schedule).toEqual(single.failure!.schedule);
    expect(winner.failure!.historyHash).toBe(single.failure!.historyHash);
    expect(winner.failure!.path).toBe(single.failure!.path);
  });
});
