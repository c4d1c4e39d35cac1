/**
 * Running a scenario: fast-check generates schedules from the seed, each runs in a fresh
 * world and goes through the checkers; the first failing schedule is shrunk and then run once
 * more to capture its history and verdict for the report and the repro file.
 *
 * Schedules come in chunks with seeds derived from the run's seed (`schedule-chunks.ts`), so
 * the same run can be spread over worker threads (`parallel-run.ts`) or CI shards and still
 * report the same failure; here the chunks run in order, in this thread.
 */
import fc from "fast-check";
import { anomalyKindsOf, checkRun, type RunVerdict } from "../check/all-checkers.ts";
import { HarnessError } from "../core/invariant.ts";
import { Coverage } from "../report/coverage.ts";
import { missingCoverage } from "../scenario/required-coverage.ts";
import type { Schedule } from "../schedule/intent.ts";
import { minimizeSchedule } from "../schedule/minimize.ts";
import { scheduleArbitrary } from "../schedule/schedule-arbitrary.ts";
import { runSchedule } from "../sim/run-schedule.ts";
import type { WorldView } from "../sim/world-view.ts";
import { chunkParameters, chunkProperty, type ChunkResult, runChunk } from "./run-chunk.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { planChunks, type Shard } from "./schedule-chunks.ts";

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
}

/** The shrunk failing schedule of a run, re-executed. */
export interface ScheduleFailure {
  readonly schedule: Schedule;
  readonly verdict: RunVerdict;
  readonly historyHash: string;
  readonly stepHashes: readonly string[];
  /** fast-check's counterexample path (replays the same generated value with the seed). */
  readonly path: string;
  /** Schedules generated up to and including the first failing one. */
  readonly schedulesToFailure: number;
  readonly shrinks: number;
  readonly view: WorldView;
}

/** A harness or processor error raised while running a schedule. */
export interface RunError {
  readonly kind: "harness" | "processor";
  readonly message: string;
}

/** What a scenario run found. */
export interface ScenarioResult {
  readonly name: string;
  readonly expect: "pass" | "fail";
  /** Expectation met. */
  readonly ok: boolean;
  /** Schedules executed (excluding shrinking). */
  readonly runs: number;
  /** Failing schedules found (the run stops at the first one and shrinks it). */
  readonly failures: number;
  readonly seed: number;
  readonly failure: ScheduleFailure | null;
  readonly error: RunError | null;
  /** Seconds spent generating and judging schedules (shrinking excluded). */
  readonly seconds: number;
  readonly schedulesPerSecond: number;
  /** Seconds spent shrinking the failure (0 without one). */
  readonly shrinkSeconds: number;
  /** Schedules the run was asked for (all shards together). */
  readonly plannedRuns: number;
  /** The shard this run covered, or null for the whole run. */
  readonly shard: Shard | null;
  /** The chunks run, in index order, up to and including the first failing one. */
  readonly chunks: readonly ChunkResult[];
  /** What the generated schedules reached (faults, crash points, processor). */
  readonly coverage: Coverage;
  /** Required coverage labels no schedule reached (checked for passing "pass" scenarios). */
  readonly coverageMissing: readonly string[];
}

/** Run a schedule of `scenario` and judge it. */
export function judgeSchedule(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  const view = runSchedule(scenario.world, schedule);
  return { view, verdict: checkRun(view, scenario.checkers) };
}

function errorOf(error: unknown): RunError {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: error instanceof HarnessError ? "harness" : "processor", message };
}

/** The anomaly kinds of a verdict. */
function anomalyKinds(verdict: RunVerdict): Set<string> {
  return new Set(anomalyKindsOf(verdict));
}

/**
 * Shrink fast-check's counterexample further; a candidate counts as failing when it fails
 * the same way (same failure class, at least one anomaly kind in common).
 */
function minimizeFailure(scenario: Scenario, schedule: Schedule, limitSeconds: number): Schedule {
  const original = judgeSchedule(scenario, schedule).verdict;
  if (original.ok) return schedule;
  const kinds = anomalyKinds(original);
  const fails = (candidate: Schedule): boolean => {
    const verdict = judgeSchedule(scenario, candidate).verdict;
    if (verdict.failure !== original.failure) return false;
    for (const kind of anomalyKinds(verdict)) if (kinds.has(kind)) return true;
    return false;
  };
  const deadline = performance.now() + limitSeconds * 1000;
  return minimizeSchedule(schedule, fails, { attemptsMax: 2000, outOfTime: () => performance.now() > deadline });
}

/**
 * Regenerate the failing schedule of `chunk` from its seed and path and let fast-check shrink
 * it, within `limitSeconds`.
 */
function fastCheckShrink(scenario: Scenario, chunk: ChunkResult, limitSeconds: number): { schedule: Schedule; shrinks: number; path: string } {
  const property = chunkProperty(scenario, chunk);
  const replay = { ...chunkParameters(chunk), path: chunk.path ?? undefined, numRuns: chunk.size };
  let details = fc.check(property, { ...replay, interruptAfterTimeLimit: Math.max(1, limitSeconds * 1000) });
  // Out of time before the failing schedule was even regenerated: take it unshrunk.
  if (details.counterexample === null && details.interrupted) details = fc.check(property, { ...replay, endOnFailure: true });
  if (!details.failed || details.counterexample === null) {
    throw new HarnessError(`chunk ${chunk.index} failed at schedule ${chunk.failedAt} but its replay from path ${chunk.path} passes`);
  }
  // The path within the chunk, renumbered to the whole run (what a plain fc.check of the seed replays).
  const [local, ...shrinkSteps] = (details.counterexamplePath ?? "0").split(":");
  const path = [String(chunk.firstRun + Number(local)), ...shrinkSteps].join(":");
  return { schedule: details.counterexample[0], shrinks: details.numShrinks, path };
}

/** Shrink the failure of `chunk` (fast-check, then the second pass) and re-run it for the report. */
function failureOf(scenario: Scenario, chunk: ChunkResult, schedulesToFailure: number, limitSeconds: number): ScheduleFailure {
  const shrunk = fastCheckShrink(scenario, chunk, limitSeconds);
  const schedule = minimizeFailure(scenario, shrunk.schedule, limitSeconds);
  const { view, verdict } = judgeSchedule(scenario, schedule);
  return {
    schedule,
    verdict,
    historyHash: view.history.hex(),
    stepHashes: view.history.stepHashes,
    path: shrunk.path,
    schedulesToFailure,
    shrinks: shrunk.shrinks,
    view,
  };
}

/**
 * The result of a run from its chunks (in index order, ending at the first failing one):
 * counts, coverage, and the shrunk failure of the lowest failing chunk. Shared by the
 * in-thread and the parallel runner, so both report the same.
 */
export function resultOfChunks(scenario: Scenario, options: RunOptions, chunks: readonly ChunkResult[], seconds: number): ScenarioResult {
  const coverage = new Coverage();
  let runs = 0;
  let failed: ChunkResult | undefined;
  for (const chunk of chunks) {
    runs += chunk.runs;
    for (const [label, count] of Object.entries(chunk.coverage)) coverage.counts.set(label, (coverage.counts.get(label) ?? 0) + count);
    if (chunk.failedAt !== null) {
      failed = chunk;
      break;
    }
  }
  let failure: ScheduleFailure | null = null;
  let error: RunError | null = null;
  const shrinkStarted = performance.now();
  if (failed !== undefined) {
    try {
      // Each shrinking pass is bounded by the shrink limit, and by the run's own time limit.
      failure = failureOf(scenario, failed, runs, Math.min(options.shrinkTimeLimitSeconds ?? 20, options.timeLimitSeconds ?? Number.POSITIVE_INFINITY));
    } catch (thrown) {
      error = errorOf(thrown);
    }
  }
  const shrinkSeconds = failed === undefined ? 0 : (performance.now() - shrinkStarted) / 1000;
  const failures = failure === null ? 0 : 1;
  const coverageMissing = scenario.expect === "pass" && failures === 0 ? missingCoverage(scenario, coverage) : [];
  const ok = error === null && coverageMissing.length === 0 && (scenario.expect === "pass" ? failures === 0 : failures > 0);
  return {
    name: scenario.name,
    expect: scenario.expect,
    ok,
    runs,
    failures,
    seed: options.seed,
    failure,
    error,
    seconds,
    schedulesPerSecond: seconds > 0 ? runs / seconds : 0,
    shrinkSeconds,
    plannedRuns: options.runs ?? scenario.runs,
    shard: options.shard ?? null,
    chunks: failed === undefined ? chunks : chunks.slice(0, chunks.indexOf(failed) + 1),
    coverage,
    coverageMissing,
  };
}

/** Run `scenario` over generated schedules, chunk after chunk in this thread. */
export function runScenario(scenario: Scenario, options: RunOptions): ScenarioResult {
  const plans = planChunks(options.runs ?? scenario.runs, options.seed, options.shard ?? null);
  const total = plans.reduce((sum, plan) => sum + plan.size, 0);
  const deadlineMs = options.timeLimitSeconds === undefined ? undefined : Date.now() + options.timeLimitSeconds * 1000;
  const started = performance.now();
  const chunks: ChunkResult[] = [];
  let done = 0;
  const onProgress = options.onProgress;
  const onSchedule = onProgress === undefined ? undefined : (failed: boolean) => onProgress(++done, total, failed ? 1 : 0);
  for (const plan of plans) {
    if (deadlineMs !== undefined && Date.now() >= deadlineMs) break;
    const chunk = runChunk(scenario, plan, { deadlineMs, onSchedule });
    chunks.push(chunk);
    if (chunk.failedAt !== null || chunk.interrupted) break;
  }
  return resultOfChunks(scenario, options, chunks, (performance.now() - started) / 1000);
}
