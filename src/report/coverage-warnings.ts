/**
 * Warnings about coverage too thin to trust, printed under every run whether or not the
 * scenario requires coverage: a crash point reached in under 1% of the schedules, a fault kind
 * that bites in under 1% of the schedules that weight it. A pass says little about a fault the
 * run hardly ever put to the test. Warnings never change a verdict or the exit code.
 *
 * They are left out where they could not change what a user does: a run of under 100
 * schedules (where 1% is less than one schedule), a run that ended on a failure or an error
 * (no pass to doubt, and what it found is what to look at), a fixed schedule (the same intents
 * every run), and a service's crash point that no schedule stood at (the service has no such
 * await: `coverage-shares.ts` lists it in `crashPointsNotAwaited`). And when the
 * monotonic-reads checker judged no read in any schedule: the reader or table
 * `service.monotonicReads` names is not one the service reads (a typo judges nothing and
 * would pass). A `fail` scenario that found no failure does warn: thin coverage may be why.
 */
import type { CoverageScope } from "./coverage-scope.ts";
import type { CoverageShares } from "./coverage-shares.ts";

/** Schedules a run needs before low shares warn. */
export const warningRunsMin = 100;

/** The share below which a crash point or fault kind warns, in percent. */
export const warningSharePercent = 1;

/**
 * `count` of `of` as a percentage, cut (not rounded) to its first significant decimal: 0.996%
 * must not read "1.0% < 1%". Integer arithmetic, so that 3 of 1000 is 0.3%, not 0.2%.
 */
export function percentText(count: number, of: number): string {
  const percent = (100 * count) / of;
  if (percent === 0) return "0%";
  const decimals = percent >= 0.1 ? 1 : Math.ceil(-Math.log10(percent));
  const scale = 10 ** decimals;
  return `${(Math.floor((100 * scale * count) / of) / scale).toFixed(decimals)}%`;
}

/** True when `count` of `of` is below the warning share (compared exactly, in integers). */
function below(count: number, of: number): boolean {
  return count * 100 < of * warningSharePercent;
}

function thin(count: number, of: number): string {
  return count === 0 ? `< ${warningSharePercent}%` : `${percentText(count, of)} < ${warningSharePercent}%`;
}

function crashPointWarnings(shares: CoverageShares, runs: number, scope: CoverageScope): string[] {
  return scope.crashPoints.flatMap((name) => {
    const reach = shares.crashPoints[name];
    if (reach === undefined || !below(reach.schedules, runs)) return [];
    const { schedules, stoodAt } = reach;
    // A rare await (kafkajs's leave after its consumer crashed) caps what any aim can reach:
    // say so, since the user's lever is then the faults that lead there, not the aim.
    const rare = stoodAt !== undefined && below(stoodAt, runs) ? `; the service stood at it in ${stoodAt} only` : "";
    return [`warning: crash point ${name} reached in ${schedules} of ${runs} schedules (${thin(schedules, runs)})${rare}`];
  });
}

function faultWarnings(shares: CoverageShares, runs: number, scope: CoverageScope): string[] {
  return scope.faultKinds.flatMap((kind) => {
    const { weighted, effective } = shares.faultEffect[kind];
    if (weighted === 0) return [`warning: fault ${kind} weighted in 0 of ${runs} schedules (never drawn)`];
    if (!below(effective, weighted)) return [];
    return [`warning: fault ${kind} effective in ${effective} of ${weighted} schedules that weight it (${thin(effective, weighted)})`];
  });
}

/**
 * The warnings of a run of `runs` schedules (`found`: it ended on a failure or an error) with
 * `shares` over `scope`: one line per crash point, then per fault kind, then for a judged reader
 * with no read in `judgedReadSchedules` schedules, each starting `warning: `.
 */
export function coverageWarnings(run: { readonly runs: number; readonly found: boolean }, shares: CoverageShares, scope: CoverageScope, judgedReadSchedules = 0): string[] {
  if (run.found || run.runs < warningRunsMin || !scope.warns) return [];
  return [...crashPointWarnings(shares, run.runs, scope), ...faultWarnings(shares, run.runs, scope), ...judgedReaderWarnings(run.runs, scope, judgedReadSchedules)];
}

function judgedReaderWarnings(runs: number, scope: CoverageScope, schedules: number): string[] {
  const judged = scope.judgedReader;
  if (judged === undefined || schedules > 0) return [];
  return [`warning: monotonic-reads judged no read by reader "${judged.reader}" of table "${judged.namespace}" in ${runs} schedules (check service.monotonicReads against the service's reader and namespace names)`];
}
