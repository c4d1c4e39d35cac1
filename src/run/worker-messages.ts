/**
 * The messages between a parallel run's pool and its worker threads: plain, structured-
 * clonable data.
 */
import type { ChunkResult } from "./chunk-result.ts";
import type { ScenarioSource } from "../scenario/scenario-source.ts";
import type { ChunkPlan } from "./schedule-chunks.ts";

/** Run one chunk. */
export interface WorkerRequest {
  readonly id: number;
  readonly source: ScenarioSource;
  readonly plan: ChunkPlan;
  /** Wall-clock deadline (`Date.now()` milliseconds), if the run has a time limit. */
  readonly deadlineMs?: number;
  /** Fraction of schedules to run twice and compare. */
  readonly checkDeterminism?: number;
}

/** An error a worker hit outside the schedules (loading the scenario, a bug in eosim). */
export interface WorkerError {
  readonly kind: "bad-input" | "harness" | "other";
  readonly message: string;
}

/** The answer to a {@link WorkerRequest}. */
export type WorkerReply = { readonly id: number; readonly result: ChunkResult } | { readonly id: number; readonly error: WorkerError };
