/**
 * The checker registry and its composition. Scenarios pick checkers by name (default: all).
 */
import type { WorldView } from "../sim/world-view.ts";
import { atomicity } from "./atomicity.ts";
import { checkContextOf } from "./check-context.ts";
import { bounds } from "./bounds.ts";
import { offsets } from "./offsets.ts";
import { effectivelyOnceOutputs } from "./effectively-once-outputs.ts";
import { exactlyOnceState } from "./exactly-once-state.ts";
import { liveness } from "./liveness.ts";
import { monotonicReads } from "./monotonic-reads.ts";
import { queueChecker } from "./queue-checker.ts";
import { restoration } from "./restoration.ts";
import { type Checker, runChecker, type Verdict } from "./verdict.ts";

/** Every built-in checker, by name. */
export const checkers: readonly Checker[] = [exactlyOnceState, atomicity, effectivelyOnceOutputs, queueChecker, restoration, offsets, bounds, liveness, monotonicReads];

/** Checkers that judge only what a user's service records (reads through named readers). */
export const serviceOnlyCheckers: readonly string[] = [monotonicReads.name];

/** The checkers a reference-runtime scenario runs by default. */
export const referenceCheckers: readonly Checker[] = checkers.filter((c) => !serviceOnlyCheckers.includes(c.name));

/** Names of the built-in checkers. */
export const checkerNames: readonly string[] = checkers.map((c) => c.name);

/** The composed result of all selected checkers. */
export interface RunVerdict {
  /** True when every checker is valid. */
  readonly ok: boolean;
  /** "safety" when a safety checker failed, else "liveness", or null when ok. */
  readonly failure: "safety" | "liveness" | "unknown" | null;
  readonly verdicts: readonly Verdict[];
}

/** Run `selected` checkers over `view`. */
export function checkRun(view: WorldView, selected: readonly Checker[] = checkers): RunVerdict {
  const context = checkContextOf(view);
  const verdicts = selected.map((checker) => runChecker(checker, view, context));
  let failure: RunVerdict["failure"] = null;
  verdicts.forEach((verdict, i) => {
    if (verdict.valid === true) return;
    if (verdict.valid === "unknown") failure ??= "unknown";
    else if (selected[i].class === "safety") failure = "safety";
    else if (failure !== "safety") failure = "liveness";
  });
  return { ok: failure === null, failure, verdicts };
}

/** The distinct anomaly kinds of a verdict, in the order first reported. */
export function anomalyKindsOf(verdict: RunVerdict): string[] {
  return [...new Set(verdict.verdicts.flatMap((v) => v.anomalies.map((a) => a.kind)))];
}
