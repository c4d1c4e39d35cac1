/**
 * What a scenario run found, as plain data: the counts, the coverage, and the shrunk failure or
 * the error that stopped it. The in-thread and the parallel runner build it the same way
 * (`run-scenario.ts`).
 */
import type { RunVerdict } from "../check/all-checkers.ts";
import { HarnessError } from "../core/invariant.ts";
import type { Coverage } from "../report/coverage.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { ChunkResult } from "./run-chunk.ts";
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

/** The {@link RunError} of what a schedule threw. */
export function runErrorOf(error: unknown): RunError {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: error instanceof HarnessError ? "harness" : "processor", message };
}
