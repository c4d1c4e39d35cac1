/**
 * Writing a failure's HTML report from a command. Like the repro (`write-repro.ts`), losing
 * the report must not lose the failure: whatever goes wrong building or writing it (a folder
 * gone, a full disk, a re-run that throws) is a warning on stderr, and the failure is
 * reported without an `html` path and keeps its exit code.
 */
import { thrownMessage } from "../core/one-line.ts";
import { type ReportedFailure, writeFailureReport } from "../report/html/failure-report.ts";
import type { Scenario } from "../scenario/scenario.ts";

/**
 * Write the report of `failure` to `path` and return the path; when that fails, say so on
 * stderr (`html: not written (reason)`) and return null.
 */
export function writeFailureReportOrWarn(path: string, scenario: Scenario, seed: number, failure: ReportedFailure, repro: string | null): string | null {
  try {
    writeFailureReport(path, scenario, seed, failure, repro);
    return path;
  } catch (error) {
    console.error(`eosim: scenario "${scenario.name}": html: not written (${thrownMessage(error).split("\n")[0]})`);
    return null;
  }
}
