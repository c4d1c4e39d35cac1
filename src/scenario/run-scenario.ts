/**
 * Running a scenario: fast-check generates schedules from the seed, each runs in a fresh
 * world and goes through the checkers; the first failing schedule is shrunk and then run once
 * more to capture its history and verdict for the report and the repro file.
 */
import fc from "fast-check";
import { checkRun, type RunVerdict } from "../check/all-checkers.ts";
import { HarnessError } from "../core/invariant.ts";
import { Coverage } from "../report/coverage.ts";
import { missingCoverage } from "./required-coverage.ts";
import type { Schedule } from "../schedule/intent.ts";
import { minimizeSchedule } from "../schedule/minimize.ts";
import { scheduleArbitrary } from "../schedule/schedule-arbitrary.ts";
import { runSchedule } from "../sim/run-schedule.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { Scenario } from "./scenario.ts";

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
  readonly seconds: number;
  readonly schedulesPerSecond: number;
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
  return new Set(verdict.verdicts.flatMap((v) => v.anomalies.map((a) => a.kind)));
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

/** Run `scenario` over generated schedules. */
export function runScenario(scenario: Scenario, options: RunOptions): ScenarioResult {
  const numRuns = options.runs ?? scenario.runs;
  const started = performance.now();
  const coverage = new Coverage();
  let generating = true;
  let done = 0;
  const property = fc.property(scheduleArbitrary(scenario.shape), (schedule) => {
    const { view, verdict } = judgeSchedule(scenario, schedule);
    // Coverage counts generated schedules only; after the first failure fast-check shrinks.
    if (generating) coverage.add(schedule, view);
    if (generating) {
      done++;
      if (!verdict.ok) generating = false;
      options.onProgress?.(done, numRuns, generating ? 0 : 1);
    }
    return verdict.ok;
  });
  const details = fc.check(property, {
    seed: options.seed,
    numRuns,
    interruptAfterTimeLimit: options.timeLimitSeconds === undefined ? undefined : options.timeLimitSeconds * 1000,
  });
  const seconds = (performance.now() - started) / 1000;
  const runs = details.numRuns;
  let failure: ScheduleFailure | null = null;
  let error: RunError | null = null;
  if (details.failed && details.counterexample !== null) {
    try {
      const schedule = minimizeFailure(scenario, details.counterexample[0], options.shrinkTimeLimitSeconds ?? 20);
      const { view, verdict } = judgeSchedule(scenario, schedule);
      failure = {
        schedule,
        verdict,
        historyHash: view.history.hex(),
        stepHashes: view.history.stepHashes,
        path: details.counterexamplePath ?? "",
        schedulesToFailure: details.numRuns,
        shrinks: details.numShrinks,
        view,
      };
    } catch (thrown) {
      error = errorOf(thrown);
    }
  }
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
    coverage,
    coverageMissing,
  };
}
