/**
 * Coverage as shares: how often a run's schedules put each fault kind and crash point to the
 * test, against how often they could have. A count alone hides a generator that aims badly: a
 * fault kind weighted in 1,500 schedules that bites in 10 is tested 10 times, not 1,500. The
 * denominators are the `weighted:<kind>` counts (`coverage.ts`) for a fault kind and every
 * schedule run for a crash point. Derived from counts only, so a run and a merge of its shard
 * reports derive the same shares.
 *
 * A service's crash point that no schedule stood at (`stood-at:<point>` 0) has no share: the
 * service has no such await (it never leaves the group, keeps no local store, ...), so no
 * schedule could crash there. It is listed in `crashPointsNotAwaited` instead, where a user
 * who expected the await sees it missing.
 */
import { effectiveLabel, stoodAtLabel, weightedLabel } from "./coverage.ts";
import type { CoverageScope } from "./coverage-scope.ts";

/** How a fault kind fared in the schedules that weighted it. */
export interface FaultEffect {
  /** Schedules whose fault mix gave the kind a weight above 0. */
  readonly weighted: number;
  /** Of those, the schedules in which it bit (its module's `coverage`). */
  readonly effective: number;
  /** `effective / weighted`, from 0 to 1; null when no schedule weighted it. */
  readonly share: number | null;
}

/** How often schedules reached a crash point. */
export interface CrashPointReach {
  /** Schedules in which an instance crashed at the point. */
  readonly schedules: number;
  /** `schedules` over every schedule run, from 0 to 1; null when none ran. */
  readonly share: number | null;
  /**
   * For a service's point: the schedules in which some instance stood at it (a crash there was
   * possible). Below 1% of the runs, no aim can bring `share` to 1%: the await itself is rare.
   */
  readonly stoodAt?: number;
}

/** A run's fault kinds and crash points as shares, keyed by name in scope order. */
export interface CoverageShares {
  readonly faultEffect: Readonly<Record<string, FaultEffect>>;
  readonly crashPoints: Readonly<Record<string, CrashPointReach>>;
  /** A service's crash points that no instance stood at in any schedule, in code order (none for the reference runtime). */
  readonly crashPointsNotAwaited: readonly string[];
}

function shareOf(count: number, of: number): number | null {
  return of === 0 ? null : count / of;
}

/** The shares of `scope`'s kinds and points in `counts` (coverage counts over `runs` schedules). */
export function coverageSharesOf(counts: ReadonlyMap<string, number>, runs: number, scope: CoverageScope): CoverageShares {
  const count = (label: string) => counts.get(label) ?? 0;
  const faultEffect = Object.fromEntries(
    scope.faultKinds.map((kind) => {
      const weighted = count(weightedLabel(kind));
      const effective = count(effectiveLabel(kind));
      return [kind, { weighted, effective, share: shareOf(effective, weighted) }];
    }),
  );
  const ifStoodAt = new Set(scope.crashPointsIfReached);
  const notAwaited = pointsNotAwaited(counts, scope.crashPointsIfReached);
  const crashPoints = Object.fromEntries(
    scope.crashPoints.filter((name) => !notAwaited.includes(name)).map((name) => {
      const schedules = count(`crash-point:${name}`);
      const stoodAt = ifStoodAt.has(name) ? { stoodAt: count(stoodAtLabel(name)) } : {};
      return [name, { schedules, share: shareOf(schedules, runs), ...stoodAt }];
    }),
  );
  return { faultEffect, crashPoints, crashPointsNotAwaited: notAwaited };
}

/** Of a service's crash points `names`, those no schedule stood at (`stood-at:<point>` 0 in `counts`), in their order. */
export function pointsNotAwaited(counts: ReadonlyMap<string, number>, names: readonly string[]): string[] {
  return names.filter((name) => (counts.get(stoodAtLabel(name)) ?? 0) === 0);
}
