/**
 * `--fail-on-warnings` (`eosim run`, `eosim merge`): coverage warnings fail the run. Without
 * it a warning never changes the exit code; with it, a run whose scenarios all met their
 * expectation but warned exits 1, as a scenario whose `requiredCoverage` was not reached does.
 * For CI that must notice a fault or crash point that stopped biting (a refactor that broke a
 * fault's aiming passes every schedule it still runs), and for mutation testing, where a
 * mutant that disarms a fault is found only by the coverage it leaves behind.
 */
import { ExitCode } from "./exit-codes.ts";

/** The exit code of a run that exited `code` and in which `warned` scenarios warned. */
export function exitCodeWithWarnings(code: ExitCode, warned: number, failOnWarnings: boolean): ExitCode {
  return failOnWarnings && code === ExitCode.ok && warned > 0 ? ExitCode.safety : code;
}

/** The line that says why a run that met every expectation exits 1. */
export function failOnWarningsLine(warned: number): string {
  return `--fail-on-warnings: ${warned} scenario(s) warned about their coverage, exit 1`;
}
