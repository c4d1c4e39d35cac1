/**
 * eosim next to the hand-written harness (`hand-written-harness.ts`) on the planted bugs
 * both can express, from the same seeds: seconds and schedules to the first failure, and
 * shrunk length, as ratios (how many times faster eosim is; eosim's shrunk length over the
 * hand-written one's).
 *
 * Left out, because the hand-written harness cannot express them: outputs-before-commit and
 * outputs-without-outbox (it checks balances, not outputs), restore-ignores-tombstones and
 * tombstones-compacted-early (they need deletes; the ledger never deletes), stale-store-reused
 * (needs input truncation) and dedupe-window-too-short (needs upstream re-publishing). Not
 * compared yet: dedupe-by-content, which it could run (two equal deposits change a balance),
 * added after the README's comparison table was measured.
 */
import { type Figure, figure, median, ratioFigure } from "./figure.ts";
import { runHandWritten } from "./hand-written-harness.ts";
import type { BugSearch } from "./planted-bugs.ts";
import { plantedBugScenario } from "./reference-workload.ts";

/** The planted bugs both harnesses can express. */
export const comparableBugs: readonly string[] = [
  "dedupe-off",
  "dedupe-in-memory",
  "dedupe-not-in-changelog",
  "offset-before-state",
  "state-dedupe-apart",
  "resume-from-group-offset",
  "pending-batch-dropped",
  "changelog-per-record",
  "pipelined-changelog",
  "no-fencing",
];

/** One bug, both harnesses. */
export interface Comparison {
  readonly name: string;
  readonly eosim: { readonly found: number; readonly secondsToFailure: Figure; readonly schedulesToFailure: Figure; readonly shrunkLength: Figure };
  readonly handWritten: {
    readonly found: number;
    readonly secondsToFailure: Figure;
    /** Seconds each search ran (to the first failure, or until its budget ran out). */
    readonly secondsSearched: Figure;
    readonly schedulesToFailure: Figure;
    readonly shrunkLength: Figure;
  };
  /**
   * Hand-written seconds to first failure over eosim's (medians). A hand-written search that
   * ran out of budget counts as the seconds it searched, so the speedup is then a lower bound
   * (`atLeast`); null when eosim did not find the bug.
   */
  readonly speedup: Figure;
  /** eosim's shrunk length over the hand-written one's (medians); below 1 means eosim's is shorter. */
  readonly shrunkRatio: Figure;
}

/** Compare bug `name`: eosim's `searches` (seeds 1..n) against the hand-written harness from the same seeds. */
export function compareBug(name: string, searches: readonly BugSearch[], handRunsMax: number, handSecondsMax: number): Comparison {
  const config = plantedBugScenario(name).world;
  const hand = searches.map((s) => runHandWritten(config, s.seed, handRunsMax, handSecondsMax));
  const handSeconds = hand.map((h) => (h.found ? h.secondsToFailure : Number.POSITIVE_INFINITY));
  const handSearched = hand.map((h) => h.secondsToFailure);
  const eosimSeconds = searches.map((s) => s.secondsToFailure);
  const eosimShrunk = searches.flatMap((s) => (s.shrunkLength === null ? [] : [s.shrunkLength]));
  const handShrunk = hand.flatMap((h) => (h.shrunkLength === null ? [] : [h.shrunkLength]));
  return {
    name,
    eosim: {
      found: searches.filter((s) => s.found).length,
      secondsToFailure: figure(eosimSeconds, "s"),
      schedulesToFailure: figure(searches.map((s) => s.schedulesToFailure), "schedules"),
      shrunkLength: figure(eosimShrunk, "intents"),
    },
    handWritten: {
      found: hand.filter((h) => h.found).length,
      secondsToFailure: figure(handSeconds, "s"),
      secondsSearched: figure(handSearched, "s"),
      schedulesToFailure: figure(hand.map((h) => (h.found ? h.schedulesToFailure : Number.POSITIVE_INFINITY)), "test cases"),
      shrunkLength: figure(handShrunk, "commands"),
    },
    speedup: Number.isFinite(median(handSeconds) ?? Infinity)
      ? ratioFigure(median(handSeconds), median(eosimSeconds), "x")
      : ratioFigure(median(handSearched), median(eosimSeconds), "x", true),
    shrunkRatio: ratioFigure(median(eosimShrunk), median(handShrunk), "ratio"),
  };
}
