/**
 * Process exit codes, a contract CI scripts build on: keep them. `eosim run` and `eosim merge`
 * both exit by {@link runExitCode}, from how each scenario's run ended. A run whose stdout is
 * closed before it ends exits 141 instead (`closed-output.ts`): it has no verdict.
 */
import { type ScenarioEnd, scenarioOk } from "../run/scenario-outcome.ts";

export const ExitCode = {
  /** Every scenario met its expectation. */
  ok: 0,
  /** A safety failure (or an expected failure that was not found). */
  safety: 1,
  /** Bad input: arguments, scenario files, repro files. */
  badInput: 2,
  /** A liveness failure: the drain did not converge. */
  liveness: 3,
  /** A bug in eosim itself. */
  harness: 4,
  /** `eosim run` stopped by SIGINT (128 + 2): the results so far were still reported. */
  interrupted: 130,
  /** `eosim run` stopped by SIGTERM (128 + 15). */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exit codes from the least to the most severe: a run exits with its worst scenario's code. */
const severity: readonly ExitCode[] = [ExitCode.ok, ExitCode.liveness, ExitCode.safety, ExitCode.badInput, ExitCode.harness];

/**
 * The exit code of one scenario: 0 when it met its expectation; otherwise 4 for an error in
 * eosim, 2 for a processor that threw, 3 for a liveness failure of a "pass" scenario, and 1 for
 * the rest (a safety failure, a planted bug not found, required coverage not reached).
 */
export function scenarioExitCode(end: ScenarioEnd): ExitCode {
  if (scenarioOk(end)) return ExitCode.ok;
  if (end.status === "errored") return end.errorKind === "harness" ? ExitCode.harness : end.errorKind === "processor" || end.errorKind === "service" || end.errorKind === "nondeterminism" ? ExitCode.badInput : ExitCode.safety;
  if (end.status === "failed" && end.failureClass === "liveness") return ExitCode.liveness;
  return ExitCode.safety;
}

/** The exit code of a run of several scenarios: the most severe of theirs (harness > bad input > safety > liveness > ok). */
export function runExitCode(ends: readonly ScenarioEnd[]): ExitCode {
  let worst: ExitCode = ExitCode.ok;
  for (const end of ends) {
    const code = scenarioExitCode(end);
    if (severity.indexOf(code) > severity.indexOf(worst)) worst = code;
  }
  return worst;
}
