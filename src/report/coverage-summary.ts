/**
 * The coverage share fields of a scenario's JSON summary (`faultEffect`, `crashPoints`,
 * `warnings`). `eosim run` derives them from its run's counts and `eosim merge` from the
 * merged counts of every shard, both here, so a merged report carries what the unsharded run
 * printed.
 */
import { type Coverage, judgedReadsLabel } from "./coverage.ts";
import type { CoverageScope } from "./coverage-scope.ts";
import { type CoverageShares, coverageSharesOf } from "./coverage-shares.ts";
import { coverageWarnings } from "./coverage-warnings.ts";

/** A summary's share fields. */
export interface CoverageShareFields extends CoverageShares {
  readonly warnings: readonly string[];
}

/** The share fields of a run of `run.runs` schedules (`run.found`: it ended on a failure or an error) that counted `coverage`. */
export function coverageShareFields(coverage: Coverage, run: { readonly runs: number; readonly found: boolean }, scope: CoverageScope): CoverageShareFields {
  const shares = coverageSharesOf(coverage.counts, run.runs, scope);
  return { ...shares, warnings: coverageWarnings(run, shares, scope, coverage.counts.get(judgedReadsLabel) ?? 0) };
}
