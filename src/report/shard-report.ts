/**
 * Shard reports and their merge. `eosim run --shard i/n --json` adds to each scenario what a
 * merge needs beyond the summary: the chunks the shard ran (runs, where one failed, coverage
 * per chunk) and the required coverage labels. `eosim merge` then rebuilds the summary the
 * unsharded run would have printed: the lowest failing chunk over all shards decides the
 * failure, and runs and coverage count every chunk up to it, exactly as one thread would
 * have (the fold is `run/fold-chunks.ts`, the chunks `run/schedule-chunks.ts`). Coverage
 * shares and warnings are derived again from the merged counts and the scenario's coverage
 * scope, which the shard detail carries. Only timing figures differ.
 */
import type { Anomaly } from "../check/verdict.ts";
import type { ScenarioResult } from "../run/scenario-result.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { requiredLabels } from "../scenario/required-coverage.ts";
import { foldChunks } from "../run/fold-chunks.ts";
import { endOf, type Expectation, type Outcome, outcomeOf, type ScenarioEnd, scenarioOk } from "../run/scenario-outcome.ts";
import { chunkSize } from "../run/schedule-chunks.ts";
import { type CoverageScope, coverageScopeOf } from "./coverage-scope.ts";
import type { CrashPointReach, FaultEffect } from "./coverage-shares.ts";
import { coverageShareFields } from "./coverage-summary.ts";

/** One chunk as a shard report lists it. */
export interface ShardChunk {
  readonly index: number;
  readonly runs: number;
  readonly failedAt: number | null;
  readonly coverage: Record<string, number>;
}

/** What a shard adds to a scenario's JSON summary. */
export interface ShardDetail {
  /** This shard, 1-based, of `count`. */
  readonly index: number;
  readonly count: number;
  /** Schedules the whole run was asked for (all shards together). */
  readonly plannedRuns: number;
  readonly chunkSize: number;
  /** Required coverage labels, expanded (a merged passing run must reach each). */
  readonly requiredCoverage: readonly string[];
  /** The fault kinds and crash points whose shares the summary reports (the merge derives them again). */
  readonly coverageScope: CoverageScope;
  /** The chunks this shard ran, in index order, up to its first failing one. */
  readonly chunks: readonly ShardChunk[];
}

/** The shard detail of a sharded run's result. */
export function shardDetailOf(result: ScenarioResult, scenario: Scenario): ShardDetail | undefined {
  if (result.shard === null) return undefined;
  return {
    index: result.shard.index,
    count: result.shard.count,
    plannedRuns: result.plannedRuns,
    chunkSize,
    requiredCoverage: requiredLabels(scenario),
    coverageScope: coverageScopeOf(scenario),
    chunks: result.chunks.map((c) => ({ index: c.index, runs: c.runs, failedAt: c.failedAt, coverage: c.coverage })),
  };
}

/** One checker's verdict on a failure, as the JSON summary gives it. */
export interface CheckerSummary {
  readonly checker: string;
  readonly valid: true | false | "unknown";
  /** What it found, each with its `kind` and `detail` text (and the partition, offset, step or dedupe ID it points at, when known). */
  readonly anomalies: readonly Anomaly[];
}

/** The fields of a scenario summary a merge reads and writes (a subset of `eosim run --json`). */
export interface MergeableSummary {
  readonly name: string;
  readonly expect: Expectation;
  readonly ok: boolean;
  readonly runs: number;
  readonly failures: number;
  readonly seed: number;
  readonly repro: string | null;
  readonly schedulesPerSecond: number;
  readonly failure: "safety" | "liveness" | "unknown" | null;
  readonly anomalies: readonly string[];
  readonly shrunkIntents: number | null;
  /** The failure's verdict per checker (empty without a failure). */
  readonly checkers: readonly CheckerSummary[];
  /** The shrunk schedule as text, one line per intent, as the text output numbers them (null without a failure). */
  readonly steps: readonly string[] | null;
  /** The command that replays the failure's repro file (null without one). */
  readonly replay: string | null;
  /** The failure's HTML report, `reports/html/<scenario>-seed<S>.html` (null without one). */
  readonly html: string | null;
  readonly error: string | null;
  /** Schedules that reached each coverage label. */
  readonly coverage: Record<string, number>;
  /** Required coverage labels not reached. */
  readonly coverageMissing: readonly string[];
  /** Per enabled fault kind: the schedules that weighted it, those in which it bit, and their share. */
  readonly faultEffect: Readonly<Record<string, FaultEffect>>;
  /** Per crash point of the runtime (none without the crash fault): the schedules that reached it, and their share of all. */
  readonly crashPoints: Readonly<Record<string, CrashPointReach>>;
  /** A service's crash points that no instance stood at in any schedule: it has no such await, so they have no share. */
  readonly crashPointsNotAwaited: readonly string[];
  /** Coverage too thin to trust (`report/coverage-warnings.ts`), as the text output prints them, unindented. */
  readonly warnings: readonly string[];
  /** With `--shard`: the chunks this shard ran, for `eosim merge`. */
  readonly shard?: ShardDetail;
}

/** A scenario summary as a shard report holds it: with its shard detail, and without what a merge derives again. */
export type ShardSummary = Omit<MergeableSummary, "faultEffect" | "crashPoints" | "crashPointsNotAwaited" | "warnings" | "shard"> & { readonly shard: ShardDetail };

/** Merge one scenario's summaries from every shard into the unsharded summary. */
export function mergeScenarioShards(shards: readonly ShardSummary[]): MergeableSummary {
  const first = shards[0];
  const chunks = shards.flatMap((s) => s.shard.chunks.map((chunk) => ({ ...chunk, from: s })));
  const { runs, coverage, failing, unreached } = foldChunks(chunks, first.shard.requiredCoverage);
  // The shard that ran the lowest failing chunk reported its failure (or the error shrinking it raised).
  const winner = failing?.from;
  const outcome = outcomeOf(first.expect, winner !== undefined && winner.failures > 0 ? winner : null, winner?.error ?? null, unreached);
  return {
    name: first.name,
    expect: first.expect,
    ok: scenarioOk({ expect: first.expect, status: outcome.status }),
    runs,
    failures: outcome.failure === null ? 0 : 1,
    seed: first.seed,
    repro: outcome.failure?.repro ?? null,
    schedulesPerSecond: shards.reduce((sum, s) => sum + s.schedulesPerSecond, 0),
    failure: outcome.failure?.failure ?? null,
    anomalies: outcome.failure?.anomalies ?? [],
    shrunkIntents: outcome.failure?.shrunkIntents ?? null,
    checkers: outcome.failure?.checkers ?? [],
    steps: outcome.failure?.steps ?? null,
    replay: outcome.failure?.replay ?? null,
    html: outcome.failure?.html ?? null,
    error: outcome.error,
    coverage: coverage.reachedCounts(),
    coverageMissing: outcome.coverageMissing,
    ...coverageShareFields(coverage, { runs, found: outcome.failure !== null || outcome.error !== null }, first.shard.coverageScope),
  };
}

/**
 * How the run a summary describes ended. The summary's `failures`, `error` and
 * `coverageMissing` are what the run's outcome printed (`run/scenario-outcome.ts`), so this
 * reads the same outcome back.
 */
export function outcomeOfSummary(summary: MergeableSummary): Outcome<MergeableSummary, string> {
  return outcomeOf(summary.expect, summary.failures > 0 ? summary : null, summary.error, summary.coverageMissing);
}

/** What the exit code of a summary's scenario follows from; its `error` line starts with the error's kind ("harness error: ..."). */
export function endOfSummary(summary: MergeableSummary): ScenarioEnd {
  return endOf(summary.expect, outcomeOfSummary(summary), (failure) => failure.failure, (error) => error.split(" ")[0]);
}
