/**
 * A failure's report: `reports/html/<scenario>-seed<S>.html`, next to its repro file. The
 * failure's shrunk schedule is re-run with the world watched (`trace-schedule.ts`), its data
 * built (`failure-report-model.ts`) and put in one self-contained page (`failure-page.ts`). A
 * schedule that stopped the run with an error has no history to show: its report holds the
 * error and the schedule. A re-run that throws costs only the timeline, never the report.
 */
import type { RunVerdict } from "../../check/all-checkers.ts";
import { thrownMessage } from "../../core/one-line.ts";
import type { Scenario } from "../../scenario/scenario.ts";
import type { Schedule } from "../../schedule/intent.ts";
import { replayCommand } from "../failure-text.ts";
import { writeFileAtomic } from "../write-file-atomic.ts";
import { failurePageHtml } from "./failure-page.ts";
import type { FailureReportData } from "./failure-report-data.ts";
import { failureReportData } from "./failure-report-model.ts";
import { type ScheduleTrace, traceSchedule } from "./trace-schedule.ts";

/** What a report is of: a failing schedule and its verdict, or a schedule that stopped the run with an error. */
export type ReportedFailure =
  | {
      readonly kind: "failure";
      readonly schedule: Schedule;
      readonly verdict: RunVerdict;
      readonly historyHash: string;
      /** How the run found it (null for a replay). */
      readonly found: { readonly schedules: number; readonly shrinks: number } | null;
    }
  | { readonly kind: "error"; readonly schedule: Schedule; readonly errorKind: string; readonly message: string };

/** Where the report of `scenario`'s failure at `seed` goes: `<reportsDir>/html/<scenario>-seed<S>.html`. */
export function failureReportPathFor(reportsDir: string, scenario: string, seed: number): string {
  return `${reportsDir}/html/${scenario}-seed${seed}.html`;
}

function runtimeLabel(scenario: Scenario): string | null {
  const runtime = scenario.definition.runtime;
  if (runtime === undefined || runtime === "reference" || scenario.world.service !== undefined) return null;
  return typeof runtime === "string" ? `planted bug ${runtime}` : `runtime ${JSON.stringify(runtime)}`;
}

function traced(scenario: Scenario, schedule: Schedule): { trace: ScheduleTrace | null; traceError: string | null } {
  try {
    return { trace: traceSchedule(scenario, schedule), traceError: null };
  } catch (error) {
    return { trace: null, traceError: thrownMessage(error) };
  }
}

/** The data of the report of `failure` of `scenario` (run from `seed`; `repro`: its repro file, if written). */
export function failureReportOf(scenario: Scenario, seed: number, failure: ReportedFailure, repro: string | null): FailureReportData {
  const { trace, traceError } = failure.kind === "failure" ? traced(scenario, failure.schedule) : { trace: null, traceError: null };
  return failureReportData({
    scenario: scenario.name,
    runtime: runtimeLabel(scenario),
    config: scenario.world,
    seed,
    schedule: failure.schedule,
    verdict: failure.kind === "failure" ? failure.verdict : null,
    failure: failure.kind === "failure" ? (failure.verdict.failure ?? "none") : failure.errorKind,
    error: failure.kind === "error" ? failure.message : null,
    historyHash: failure.kind === "failure" ? failure.historyHash : "",
    found: failure.kind === "failure" ? failure.found : null,
    repro,
    replay: repro === null ? null : replayCommand(repro),
    trace,
    traceError,
  });
}

/** The report of `failure` as one HTML file's text (see {@link failureReportOf}). */
export function failureReportHtml(scenario: Scenario, seed: number, failure: ReportedFailure, repro: string | null): string {
  return failurePageHtml(failureReportOf(scenario, seed, failure, repro));
}

/** Write the report of `failure` to `path` (whole or not at all); throws what the file system or the report's build threw. */
export function writeFailureReport(path: string, scenario: Scenario, seed: number, failure: ReportedFailure, repro: string | null): void {
  writeFileAtomic(path, failureReportHtml(scenario, seed, failure, repro));
}
