/**
 * How a scenario run ended, decided in one place ({@link outcomeOf}) for a run
 * (`run-scenario.ts`) and for a merge of shard reports (`report/shard-report.ts`):
 *
 * - `errored`: a schedule threw (the processor's bug, or a bug in eosim); this outranks
 *   everything else the run found;
 * - `failed`: a schedule failed the checkers; the outcome carries the failure;
 * - `coverage-missing`: no schedule failed, but the scenario expects to pass and some required
 *   coverage labels were never reached (a fault scenario that never injects its fault proves
 *   nothing); the outcome carries the labels;
 * - `passed`: no schedule failed (and every required label was reached).
 *
 * The status is what the run found, not whether that was expected: a scenario with
 * `expect: "fail"` (a planted bug that must be caught) meets its expectation when its run
 * `failed` and misses it when its run `passed`. {@link scenarioOk} is that rule, and the exit
 * code (`cli/exit-codes.ts`) follows from {@link ScenarioEnd}.
 *
 * Every variant has the fields `failure`, `error` and `coverageMissing` (null or empty where
 * they do not apply), which are what `eosim run --json` prints; checking one of them for null
 * narrows the union as checking `status` does.
 */
import type { RunVerdict } from "../check/all-checkers.ts";

/** What a scenario expects of its run: every schedule passes, or some schedule fails (a planted bug is caught). */
export type Expectation = "pass" | "fail";

/** How a run ended, with the failure (`F`) or the error (`E`) it found. */
export type Outcome<F, E> =
  | { readonly status: "passed"; readonly failure: null; readonly error: null; readonly coverageMissing: readonly [] }
  | { readonly status: "failed"; readonly failure: F; readonly error: null; readonly coverageMissing: readonly [] }
  | {
      readonly status: "errored";
      readonly failure: null;
      readonly error: E;
      /** For `expect: "pass"`: the required labels the schedules run before the error did not reach (reported, not decisive). */
      readonly coverageMissing: readonly string[];
    }
  | { readonly status: "coverage-missing"; readonly failure: null; readonly error: null; readonly coverageMissing: readonly string[] };

/** The four ways a run ends. */
export type ScenarioStatus = Outcome<unknown, unknown>["status"];

/**
 * The outcome of a run that found `failure` and `error` (at most one of them; null when
 * absent), and in which the required coverage labels `unreached` were never reached.
 */
export function outcomeOf<F, E>(expect: Expectation, failure: F | null, error: E | null, unreached: readonly string[]): Outcome<F, E> {
  const coverageMissing = expect === "pass" ? unreached : [];
  if (error !== null) return { status: "errored", failure: null, error, coverageMissing };
  if (failure !== null) return { status: "failed", failure, error: null, coverageMissing: [] };
  if (coverageMissing.length > 0) return { status: "coverage-missing", failure: null, error: null, coverageMissing };
  return { status: "passed", failure: null, error: null, coverageMissing: [] };
}

/** Whether a run met its scenario's expectation: a "pass" scenario's run passed, a "fail" scenario's run failed. */
export function scenarioOk(end: { readonly expect: Expectation; readonly status: ScenarioStatus }): boolean {
  return end.status === (end.expect === "pass" ? "passed" : "failed");
}

/** What a scenario's exit code follows from: its expectation, how its run ended, and the failure's class or the error's kind. */
export type ScenarioEnd =
  | { readonly expect: Expectation; readonly status: "passed" | "coverage-missing" }
  | { readonly expect: Expectation; readonly status: "failed"; readonly failureClass: RunVerdict["failure"] }
  | { readonly expect: Expectation; readonly status: "errored"; readonly errorKind: string };

/** The {@link ScenarioEnd} of `outcome`, given how to read its failure's class and its error's kind. */
export function endOf<F, E>(expect: Expectation, outcome: Outcome<F, E>, failureClass: (failure: F) => RunVerdict["failure"], errorKind: (error: E) => string): ScenarioEnd {
  switch (outcome.status) {
    case "failed":
      return { expect, status: "failed", failureClass: failureClass(outcome.failure) };
    case "errored":
      return { expect, status: "errored", errorKind: errorKind(outcome.error) };
    default:
      return { expect, status: outcome.status };
  }
}
