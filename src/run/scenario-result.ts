/**
 * What a scenario run found, as plain data: the counts, the coverage, and how the run ended
 * (a discriminated union on `status`) with the shrunk failure or the error that stopped it.
 * The in-thread and the parallel runner build it the same way (`run-scenario.ts`).
 */
import type { RunVerdict } from "../check/all-checkers.ts";
import type { Coverage } from "../report/coverage.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { ChunkResult } from "./chunk-result.ts";
import type { RunError } from "./run-error.ts";
import { endOf, type Expectation, type Outcome, type ScenarioEnd } from "./scenario-outcome.ts";
import type { Shard } from "./schedule-chunks.ts";

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

/** What every scenario run reports, however it ended. */
export interface ScenarioRun {
  readonly name: string;
  readonly expect: Expectation;
  /** Schedules executed (excluding shrinking). */
  readonly runs: number;
  readonly seed: number;
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
  /** A stop request (SIGINT, SIGTERM) ended the run before its end: `runs` is what was done. */
  readonly stopped: boolean;
}

/**
 * What a scenario run found: its counts, and how it ended (`status`, see
 * `scenario-outcome.ts`): `passed`; `failed` with the shrunk `failure` (the run stops at the
 * first failing schedule); `errored` with the `error` a schedule threw; or `coverage-missing`
 * with the required labels no schedule reached. Whether that meets the scenario's `expect` is
 * `scenarioOk(result)`.
 */
export type ScenarioResult = ScenarioRun & Outcome<ScheduleFailure, RunError>;

/** What the exit code of `result` follows from. */
export function endOfResult(result: ScenarioResult): ScenarioEnd {
  return endOf(result.expect, result, (failure) => failure.verdict.failure, (error) => error.kind);
}

export { type RunError, runErrorOf } from "./run-error.ts";
