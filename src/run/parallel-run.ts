/**
 * Running a scenario over worker threads (`eosim run --workers N`). The run is the same
 * chunks as {@link runScenario}'s, run by a {@link WorkerPool}, and its result is assembled the
 * same way ({@link resultOfChunks}: the lowest failing chunk's failure, shrunk in this thread),
 * so the schedules run, the failure reported and every count are those of a single-thread
 * run with the same seed. With one worker the run happens in this thread.
 */
import { resultOfChunks, runScenarioYielding, type RunOptions } from "./run-scenario.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { fileSourceOf, type ScenarioSource } from "../scenario/scenario-source.ts";
import { planChunks } from "./schedule-chunks.ts";
import { WorkerPool } from "./worker-pool.ts";

/** Options of {@link runScenarioParallel}. */
export interface ParallelRunOptions extends RunOptions {
  /** Worker threads; 1 runs the chunks in this thread, exactly as `runScenario`. */
  readonly workers: number;
  /** Where workers load the scenario from (default: the scenario's file). */
  readonly source?: ScenarioSource;
  /** A pool to use (and keep open) instead of starting one of `workers` threads for this run. */
  readonly pool?: WorkerPool;
}

/** Run `scenario` over generated schedules on worker threads. */
export async function runScenarioParallel(scenario: Scenario, options: ParallelRunOptions): Promise<ScenarioResult> {
  if (options.pool === undefined && options.workers <= 1) return runScenarioYielding(scenario, options);
  const source = options.source ?? fileSourceOf(scenario);
  const plans = planChunks(options.runs ?? scenario.runs, options.seed, options.shard ?? null);
  const total = plans.reduce((sum, plan) => sum + plan.size, 0);
  const deadlineMs = options.timeLimitSeconds === undefined ? undefined : Date.now() + options.timeLimitSeconds * 1000;
  const pool = options.pool ?? new WorkerPool(options.workers);
  try {
    const started = performance.now();
    let done = 0;
    const onProgress = options.onProgress;
    const chunks = await pool.runChunks(source, plans, {
      deadlineMs,
      checkDeterminism: options.checkDeterminism,
      onChunk: onProgress === undefined ? undefined : (chunk) => onProgress((done += chunk.runs), total, chunk.failedAt === null ? 0 : 1),
    });
    return resultOfChunks(scenario, options, chunks, (performance.now() - started) / 1000);
  } finally {
    if (options.pool === undefined) await pool.close();
  }
}
