/**
 * Running a scenario: fast-check generates schedules from the seed, each runs in a fresh
 * world and goes through the checkers (`judge-schedule.ts`); the first failing schedule is
 * shrunk and then run once more to capture its history and verdict for the report and the
 * repro file (`shrink-failure.ts`).
 *
 * Schedules come in chunks with seeds derived from the run's seed (`schedule-chunks.ts`), so
 * the same run can be spread over worker threads (`parallel-run.ts`) or CI shards and still
 * report the same failure; here the chunks run in order, in this thread.
 */
import { requiredLabels } from "../scenario/required-coverage.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { foldChunks } from "./fold-chunks.ts";
import type { ChunkResult } from "./chunk-result.ts";
import { runChunk } from "./run-chunk.ts";
import { outcomeOf } from "./scenario-outcome.ts";
import { type RunError, runErrorOf } from "./run-error.ts";
import type { ScenarioResult, ScheduleFailure } from "./scenario-result.ts";
import { planChunks, type Shard } from "./schedule-chunks.ts";
import { shrinkFailure } from "./shrink-failure.ts";
import { stopRequested } from "./stop-request.ts";

/** Options of one scenario run. */
export interface RunOptions {
  /** Schedules to generate (default: the scenario's `runs`). */
  readonly runs?: number;
  /** Root seed of the run (fast-check seed). */
  readonly seed: number;
  /** Stop generating (and shrinking) after this many seconds; the best counterexample so far is kept. */
  readonly timeLimitSeconds?: number;
  /** Bound on the second shrinking pass, in seconds (default 20); the best schedule so far is kept. */
  readonly shrinkTimeLimitSeconds?: number;
  /**
   * Called after each generated schedule (not during shrinking) with the schedules done so
   * far, the schedules planned and the failures found (the run stops at the first one, then
   * shrinks it). Called from the hot loop: keep it cheap and throttle any output.
   */
  readonly onProgress?: (done: number, total: number, failures: number) => void;
  /** Run only this shard's chunks (CI matrices; see `schedule-chunks.ts`). */
  readonly shard?: Shard | null;
  /** Fraction (0-1] of schedules to run twice and compare step by step (`--check-determinism`, see `determinism.ts`). */
  readonly checkDeterminism?: number;
}

/**
 * The result of a run from its chunks (those up to the lowest failing one count, see
 * `fold-chunks.ts`): counts, coverage, and how the run ended, with the shrunk failure of the
 * lowest failing chunk or the error that shrinking it raised. Shared by the in-thread and the
 * parallel runner, so both report the same.
 */
export function resultOfChunks(scenario: Scenario, options: RunOptions, chunks: readonly ChunkResult[], seconds: number): ScenarioResult {
  const { chunks: counted, failing: failed, runs, coverage, unreached } = foldChunks(chunks, requiredLabels(scenario));
  let failure: ScheduleFailure | null = null;
  let error: RunError | null = null;
  const stopped = stopRequested();
  const shrinkStarted = performance.now();
  if (failed !== undefined && failed.error !== null) error = failed.error;
  else if (failed !== undefined) {
    try {
      // Each shrinking pass is bounded by the shrink limit, and by the run's own time limit.
      // After a stop request the failure is kept as found (shrinking would make the user wait).
      const limit = stopped ? 0.001 : Math.min(options.shrinkTimeLimitSeconds ?? 20, options.timeLimitSeconds ?? Number.POSITIVE_INFINITY);
      failure = shrinkFailure(scenario, failed, runs, limit);
    } catch (thrown) {
      error = runErrorOf(thrown);
    }
  }
  const shrinkSeconds = failed === undefined ? 0 : (performance.now() - shrinkStarted) / 1000;
  return {
    name: scenario.name,
    expect: scenario.expect,
    runs,
    seed: options.seed,
    seconds,
    schedulesPerSecond: seconds > 0 ? runs / seconds : 0,
    shrinkSeconds,
    plannedRuns: options.runs ?? scenario.runs,
    shard: options.shard ?? null,
    chunks: counted,
    coverage,
    stopped,
    ...outcomeOf(scenario.expect, failure, error, unreached),
  };
}

/** Run `scenario` over generated schedules, chunk after chunk in this thread. */
export function runScenario(scenario: Scenario, options: RunOptions): ScenarioResult {
  const chunks: ChunkResult[] = [];
  const { plans, deadlineMs, onSchedule } = runPlan(scenario, options);
  const started = performance.now();
  for (const plan of plans) {
    if (!mayStartChunk(deadlineMs)) break;
    const chunk = runChunk(scenario, plan, { deadlineMs, onSchedule, checkDeterminism: options.checkDeterminism });
    chunks.push(chunk);
    if (chunk.failedAt !== null || chunk.interrupted) break;
  }
  return resultOfChunks(scenario, options, chunks, (performance.now() - started) / 1000);
}

/**
 * {@link runScenario}, giving the event loop a turn between chunks (every 100 schedules), so a
 * signal handler can ask the run to stop (`stop-request.ts`) and a progress bar can redraw.
 */
export async function runScenarioYielding(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const chunks: ChunkResult[] = [];
  const { plans, deadlineMs, onSchedule } = runPlan(scenario, options);
  const started = performance.now();
  for (const plan of plans) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!mayStartChunk(deadlineMs)) break;
    const chunk = runChunk(scenario, plan, { deadlineMs, onSchedule, checkDeterminism: options.checkDeterminism });
    chunks.push(chunk);
    if (chunk.failedAt !== null || chunk.interrupted) break;
  }
  return resultOfChunks(scenario, options, chunks, (performance.now() - started) / 1000);
}

function mayStartChunk(deadlineMs: number | undefined): boolean {
  return !stopRequested() && (deadlineMs === undefined || Date.now() < deadlineMs);
}

function runPlan(scenario: Scenario, options: RunOptions) {
  const plans = planChunks(options.runs ?? scenario.runs, options.seed, options.shard ?? null);
  const total = plans.reduce((sum, plan) => sum + plan.size, 0);
  const deadlineMs = options.timeLimitSeconds === undefined ? undefined : Date.now() + options.timeLimitSeconds * 1000;
  let done = 0;
  const onProgress = options.onProgress;
  const onSchedule = onProgress === undefined ? undefined : (failed: boolean) => onProgress(++done, total, failed ? 1 : 0);
  return { plans, deadlineMs, onSchedule };
}
