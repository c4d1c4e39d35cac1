/**
 * What one chunk of a run found (see `run-chunk.ts`): plain data, so it crosses worker-thread
 * boundaries as is. Kept apart from the code that runs a chunk so the public types do not
 * reach fast-check's declarations.
 */
import type { RunError } from "./run-error.ts";

/** What one chunk found. */
export interface ChunkResult {
  readonly index: number;
  readonly seed: number;
  readonly firstRun: number;
  readonly size: number;
  /** Schedules generated and judged (including a failing one). */
  readonly runs: number;
  /** Position in the chunk (0-based) of its first failing schedule, or null. */
  readonly failedAt: number | null;
  /** fast-check's counterexample path: with the chunk's seed it regenerates the failing schedule. */
  readonly path: string | null;
  /** Coverage counts of the chunk's schedules (see `report/coverage.ts`). */
  readonly coverage: Record<string, number>;
  /** The time limit stopped the chunk before its end. */
  readonly interrupted: boolean;
  /**
   * What the failing schedule threw when it was a user's service leaving the simulation: the
   * run reports it as is, without shrinking (re-running a service stuck in a loop costs its
   * whole budget each time).
   */
  readonly error: RunError | null;
}

