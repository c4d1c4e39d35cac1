/**
 * What a scenario's coverage shares are taken over (`coverage-shares.ts`): the fault kinds its
 * schedules can weight and the crash points its runtime has. Plain data, so that a shard report
 * carries it and `eosim merge`, which loads no scenario, derives the same shares and warnings
 * as the unsharded run.
 */
import type { JudgedReader } from "../check/monotonic-reads.ts";
import { crashPointNames, referenceCrashPoints } from "../runtime/task-phase.ts";
import { crashPointsOf } from "../service/life.ts";
import type { Scenario } from "../scenario/scenario.ts";

/** The fault kinds and crash points whose shares a scenario's run reports. */
export interface CoverageScope {
  /** Fault kinds the scenario enables, less those its fixed `faultWeights` weigh 0 (never drawn, by choice). */
  readonly faultKinds: readonly string[];
  /** Crash points of its runtime (a service's own), in code order; none without the `crash` fault. */
  readonly crashPoints: readonly string[];
  /**
   * Of `crashPoints`, those that count only where some schedule stood at them: every point of
   * a service, whose awaits are its code's (one that keeps no local store has no store
   * commit, one that never leaves the group no leave), so that a share or a warning about a
   * point it lacks could not be acted on. (A shard report of an earlier version holds only
   * the points outside a message's cycle here, and no stood-at counts: those points then
   * read as not awaited.)
   */
  readonly crashPointsIfReached: readonly string[];
  /** Whether low shares warn: not for a fixed schedule, which plays the same intents every run. */
  readonly warns: boolean;
  /** The reader and table the monotonic-reads checker judges, when the scenario runs it (a report of an earlier version has none). */
  readonly judgedReader?: JudgedReader;
}

/** A scope with nothing in it (a shard report of an earlier version carries none). */
export const emptyCoverageScope: CoverageScope = { faultKinds: [], crashPoints: [], crashPointsIfReached: [], warns: false };

/**
 * The crash points a coverage table lists: the reference runtime's (split commits exist only
 * in planted bugs, and `idle` is no point in a cycle), or a service's own `points` but `idle`.
 */
export function listedCrashPoints(points?: readonly string[]): readonly string[] {
  return points?.slice(1) ?? referenceCrashPoints.map((p) => crashPointNames[p]);
}

/** The coverage scope of `scenario`. */
export function coverageScopeOf(scenario: Scenario): CoverageScope {
  const weights = scenario.shape.faultWeights;
  const faultKinds = scenario.shape.faults.filter((kind) => weights === undefined || weights[kind] > 0);
  const servicePoints = crashPointsOf(scenario.world);
  const crashPoints = faultKinds.includes("crash") ? listedCrashPoints(servicePoints) : [];
  const crashPointsIfReached = servicePoints === undefined ? [] : crashPoints;
  const judged = scenario.world.service?.monotonicReads;
  const judgedReader = judged !== undefined && judged !== null && scenario.checkers.some((c) => c.name === "monotonic-reads") ? { judgedReader: { reader: judged.reader, namespace: judged.namespace } } : {};
  return { faultKinds, crashPoints, crashPointsIfReached, warns: scenario.shape.fixed === undefined, ...judgedReader };
}
