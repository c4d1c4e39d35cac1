/**
 * `eosim run --junit FILE`: the run's results as a JUnit suite. A scenario that met its
 * expectation passes; a safety or liveness failure (or a "fail" scenario whose planted bug
 * was not found, or missing required coverage) is a `<failure>`; a throwing processor or an
 * eosim bug is an `<error>`. Every message carries the seed, and a failure with a repro file
 * carries the replay command, so the CI page alone is enough to reproduce it.
 */
import { failureText, replayCommand } from "../report/failure-text.ts";
import type { JUnitCase, JUnitProblem, JUnitSuite } from "../report/junit.ts";
import { scenarioOk } from "../run/scenario-outcome.ts";
import type { ScenarioResult } from "../run/scenario-result.ts";

/** One scenario's result and where its repro file went. */
export interface RunOutcome {
  readonly result: ScenarioResult;
  readonly repro: string | null;
}

function problemOf({ result, repro }: RunOutcome, seed: number): JUnitProblem | null {
  if (result.stopped && result.failure === null && result.error === null) {
    const message = `interrupted after ${result.runs} of ${result.plannedRuns} schedules, no failure found so far (seed ${seed})`;
    return { kind: "skipped", type: "interrupted", message, detail: message };
  }
  if (scenarioOk(result)) return null;
  const replay = repro === null ? "" : `; replay: ${replayCommand(repro)}`;
  if (result.error !== null) {
    const message = `${result.error.kind} error (seed ${seed}): ${result.error.message}`;
    return { kind: "error", type: result.error.kind, message, detail: message };
  }
  if (result.coverageMissing.length > 0) {
    const message = `required coverage not reached in ${result.runs} schedules (seed ${seed}): ${result.coverageMissing.join(", ")}`;
    return { kind: "failure", type: "coverage", message, detail: message };
  }
  if (result.failure === null) {
    const message = `expected a failure, none found in ${result.runs} schedules (seed ${seed})`;
    return { kind: "failure", type: "not-detected", message, detail: message };
  }
  const kind = result.failure.verdict.failure ?? "unknown";
  const message = `${kind} failure (seed ${seed})${replay}`;
  return { kind: "failure", type: kind, message, detail: `seed ${seed}\n${failureText(result.failure, repro, "")}` };
}

/** The JUnit suite of a run; `notRun`: the scenarios a stop request kept from running (skipped). */
export function junitSuiteOf(outcomes: readonly RunOutcome[], seed: number, notRun: readonly string[] = []): JUnitSuite {
  const cases: JUnitCase[] = outcomes.map((outcome) => ({
    name: outcome.result.name,
    seconds: outcome.result.seconds,
    problem: problemOf(outcome, seed),
    output: `${outcome.result.runs} schedules, seed ${seed}, expect ${outcome.result.expect}`,
  }));
  for (const name of notRun) {
    const message = `not run: the run was interrupted before it (seed ${seed})`;
    cases.push({ name, seconds: 0, problem: { kind: "skipped", type: "interrupted", message, detail: message } });
  }
  return { name: "eosim", properties: { seed }, cases };
}
