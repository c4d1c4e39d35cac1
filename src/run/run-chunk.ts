/**
 * Running one chunk of a run (see `schedule-chunks.ts`): fast-check generates the chunk's
 * schedules from the run's seed, skipped ahead to the chunk, each runs in a fresh world and goes through the checkers,
 * and the chunk stops at its first failing schedule without shrinking it. What comes back is
 * plain data (counts, indices, fast-check's path), so it crosses worker-thread boundaries
 * as is; shrinking happens once, in the thread that assembles the run's result.
 */
import fc from "fast-check";
import { Coverage } from "../report/coverage.ts";
import type { Schedule } from "../schedule/intent.ts";
import { scheduleArbitrary } from "../schedule/schedule-arbitrary.ts";
import { drawnSchedules } from "../schedule/schedule-draw.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { ChunkPlan } from "./schedule-chunks.ts";
import { ServiceError } from "../service/service-error.ts";
import { watchdogArmed, WatchdogTimeout, withinMs } from "../core/watchdog.ts";
import { StuckError } from "../runtime/user-call.ts";
import { differingStep, differsOnRerun, NondeterminismError, sampled } from "./determinism.ts";
import { judgeSchedule, runGuarded } from "./judge-schedule.ts";
import { type RunError, runErrorOf } from "./run-error.ts";
import type { ChunkResult } from "./chunk-result.ts";
import { randomFromRun } from "./skip-ahead-random.ts";
import { stopRequested } from "./stop-request.ts";

export type { ChunkResult } from "./chunk-result.ts";

/** Options of {@link runChunk}. */
export interface ChunkOptions {
  /** Wall-clock deadline (`Date.now()` milliseconds) after which no schedule starts. */
  readonly deadlineMs?: number;
  /** Called after each judged schedule; `failed` is true for the failing one. */
  readonly onSchedule?: (failed: boolean) => void;
  /** Fraction (0-1] of the schedules to run twice, comparing their histories step by step (`--check-determinism`). */
  readonly checkDeterminism?: number;
}

/** Errors that stop a run at the schedule that threw, unshrunk (shrinking would only run it again). */
type Fatal = ServiceError | StuckError | NondeterminismError;

/** Hooks of {@link chunkProperty}. */
export interface ChunkHooks {
  /** Sees each judged schedule. */
  readonly onJudged?: (schedule: Schedule, view: WorldView, ok: boolean) => void;
  /**
   * Sees a schedule that stopped the run: a service that left the simulation, code the
   * watchdog stopped, a schedule that differed from itself. Without it they are thrown.
   */
  readonly onFatal?: (error: Fatal, schedule: Schedule, run: number) => void;
  /** Fraction of schedules to re-run and compare (see {@link ChunkOptions.checkDeterminism}). */
  readonly checkDeterminism?: number;
  /** Called before each schedule: returning true ends the chunk there, the schedule not run (a stop request). */
  readonly stopHere?: () => boolean;
  /** What the property draws schedules from (default: the shrinkable `scheduleArbitrary`). */
  readonly schedules?: fc.Arbitrary<Schedule>;
}

/** Thrown to end fast-check's loop at a schedule boundary (fast-check has no other way in). */
class StopHere extends Error {}

/**
 * The fast-check property of chunk `plan`: a schedule passes when every checker does.
 * fast-check biases its first runs towards small values; the property numbers its runs from
 * the chunk's first schedule in the whole run, so a chunk's schedules are biased as they are
 * at their place in one long run.
 */
export function chunkProperty(scenario: Scenario, plan: Pick<ChunkPlan, "firstRun" | "seed">, hooks: ChunkHooks = {}): fc.IProperty<[Schedule]> {
  const { onJudged, onFatal, checkDeterminism, stopHere, schedules } = hooks;
  // Only the first pass of a chunk counts runs (with `endOnFailure` fast-check calls the
  // predicate once per generated schedule, in order).
  let run = plan.firstRun;
  const property = fc.property(schedules ?? scheduleArbitrary(scenario.shape), (schedule) => {
    if (stopHere?.() === true) throw new StopHere();
    const index = run++;
    let judged: ReturnType<typeof judgeSchedule>;
    try {
      judged = judgeSchedule(scenario, schedule);
      if (checkDeterminism !== undefined && sampled(plan.seed, index, checkDeterminism)) {
        const step = differingStep(judged.view, runGuarded(scenario, schedule));
        if (step !== null) throw differsOnRerun(scenario, index + 1, schedule, step);
      }
    } catch (error) {
      if (onFatal === undefined || !(error instanceof ServiceError || error instanceof StuckError || error instanceof NondeterminismError)) throw error;
      onFatal(error, schedule, index);
      return false;
    }
    const { view, verdict } = judged;
    const ok = verdict.ok;
    onJudged?.(schedule, view, ok);
    return ok;
  });
  return numberedFrom(property, plan.firstRun);
}

/** `property` with its runs numbered from `firstRun` (fast-check's bias of early runs follows the number). */
function numberedFrom(property: fc.IProperty<[Schedule]>, firstRun: number): fc.IProperty<[Schedule]> {
  return {
    isAsync: () => false,
    generate: (mrng, runId) => property.generate(mrng, runId === undefined ? undefined : firstRun + runId),
    shrink: (value) => property.shrink(value),
    run: (value) => property.run(value),
    runBeforeEach: () => property.runBeforeEach(),
    runAfterEach: () => property.runAfterEach(),
  };
}

/** The schedule at `chunk`'s failing path, regenerated without running it (null if there is none). */
export function scheduleAt(scenario: Scenario, chunk: Pick<ChunkResult, "seed" | "firstRun" | "size" | "path">): Schedule | null {
  if (chunk.path === null) return null;
  const [local] = chunk.path.split(":");
  const arbitrary = scheduleArbitrary(scenario.shape);
  const firstRun = chunk.firstRun;
  const details = fc.check(numberedFrom(fc.property(arbitrary, (_schedule: Schedule) => false), firstRun), { ...chunkParameters(chunk), path: local, numRuns: chunk.size, endOnFailure: true });
  return details.counterexample?.[0] ?? null;
}

/** fast-check parameters that generate the schedules of chunk `plan` (seed and skipped-ahead stream). */
export function chunkParameters(plan: Pick<ChunkPlan, "seed" | "firstRun">): fc.Parameters<[Schedule]> {
  return { seed: plan.seed, randomType: randomFromRun(plan.firstRun) };
}

/**
 * Run the schedules of chunk `plan` of `scenario` until the first failure.
 *
 * The chunk runs under one watchdog of `scenario.budgetMs` (arming one per schedule would cost
 * a fifth of the run, `core/watchdog.ts`). A chunk that outlives it is run again with a
 * watchdog per schedule, which tells a stuck schedule (reported as a `StuckError` naming the
 * call in flight) from a chunk that is only slow (whose result then counts as usual). A
 * service's world guards itself, per schedule.
 */
export function runChunk(scenario: Scenario, plan: ChunkPlan, options: ChunkOptions = {}): ChunkResult {
  if (scenario.world.service !== undefined || watchdogArmed()) return runChunkNow(scenario, plan, options);
  let reported = 0;
  const onSchedule = options.onSchedule;
  const counting: ChunkOptions = onSchedule === undefined ? options : { ...options, onSchedule: (failed) => (reported++, onSchedule(failed)) };
  try {
    return withinMs(scenario.budgetMs, () => runChunkNow(scenario, plan, counting));
  } catch (error) {
    if (!(error instanceof WatchdogTimeout)) throw error;
  }
  // The second pass reports progress only past the schedules the first one already reported.
  let seen = 0;
  const again: ChunkOptions = onSchedule === undefined ? options : { ...options, onSchedule: (failed) => (++seen > reported || failed ? onSchedule(failed) : undefined) };
  return runChunkNow(scenario, plan, again);
}

function runChunkNow(scenario: Scenario, plan: ChunkPlan, options: ChunkOptions): ChunkResult {
  const coverage = new Coverage();
  const onSchedule = options.onSchedule;
  let error: RunError | null = null;
  let stopped = false;
  // The first pass never shrinks: it draws without fast-check's shrinking bookkeeping.
  const drawn = drawnSchedules(scenario.shape);
  const property = chunkProperty(scenario, plan, {
    schedules: drawn ?? undefined,
    checkDeterminism: options.checkDeterminism,
    stopHere: () => (stopped = stopRequested()),
    onJudged: (schedule, view, ok) => {
      coverage.add(schedule, view);
      onSchedule?.(!ok);
    },
    onFatal: (thrown, schedule, run) => {
      error = { ...runErrorOf(thrown), schedule, run };
      onSchedule?.(true);
    },
  });
  const remainingMs = options.deadlineMs === undefined ? undefined : Math.max(1, options.deadlineMs - Date.now());
  const details = fc.check(property, { ...chunkParameters(plan), numRuns: plan.size, endOnFailure: true, interruptAfterTimeLimit: remainingMs });
  if (stopped) {
    // Stopped before schedule `numRuns - 1` ran: the schedules before it count, as a time limit's would.
    return { index: plan.index, seed: plan.seed, firstRun: plan.firstRun, size: plan.size, runs: details.numRuns - 1, failedAt: null, path: null, coverage: coverage.toJSON(), interrupted: true, error: null };
  }
  const failed = details.failed && details.counterexample !== null;
  if (failed && drawn !== null) sameAsFastCheck(scenario, plan, details.counterexample![0], details.counterexamplePath ?? null);
  return {
    index: plan.index,
    seed: plan.seed,
    firstRun: plan.firstRun,
    size: plan.size,
    runs: details.numRuns,
    failedAt: failed ? details.numRuns - 1 : null,
    path: failed ? (details.counterexamplePath ?? null) : null,
    coverage: coverage.toJSON(),
    interrupted: details.interrupted,
    error,
  };
}

/**
 * A failing schedule is shrunk (and reported) from fast-check's own regeneration of it at its
 * path: check it is the schedule that failed, so a drawing that drifted from fast-check's can
 * never hand the shrinker a different schedule (`schedule/schedule-draw.ts`).
 */
function sameAsFastCheck(scenario: Scenario, plan: ChunkPlan, schedule: Schedule, path: string | null): void {
  const again = scheduleAt(scenario, { seed: plan.seed, firstRun: plan.firstRun, size: plan.size, path });
  if (again === null || JSON.stringify(again) !== JSON.stringify(schedule)) {
    throw new Error(`internal error: the schedule drawn at run ${plan.firstRun + Number(path?.split(":")[0] ?? 0) + 1} of seed ${plan.seed} differs from the one fast-check generates there (schedule/schedule-draw.ts no longer mirrors schedule-arbitrary.ts)`);
  }
}
