/**
 * A whole run as one report (`eosim run --html FILE --md FILE`, `eosim mutants --html --md`):
 * every scenario with how it ended, its schedules and time, its coverage table (each crash
 * point against each fault kind, with the warnings) and where its failure's report is. Plain
 * data, built from the run's results; `html/run-page.ts` and `run-markdown.ts` render it.
 */
import { dirname, relative, sep } from "node:path";
import { scenarioOk } from "../run/scenario-outcome.ts";
import type { ScenarioResult } from "../run/scenario-result.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { effectiveLabel, jointLabel, weightedLabel } from "./coverage.ts";
import { coverageScopeOf } from "./coverage-scope.ts";
import { coverageShareFields } from "./coverage-summary.ts";
import { replayCommand } from "./failure-text.ts";

/** A scenario's coverage: crash points against fault kinds. */
export interface CoverageTable {
  readonly crashPoints: readonly { readonly name: string; readonly schedules: number; readonly share: number | null }[];
  readonly faultKinds: readonly { readonly kind: string; readonly reached: number; readonly weighted: number; readonly effective: number; readonly share: number | null }[];
  /** `joint[p][k]`: schedules that crashed an instance at crash point `p` and in which fault kind `k` bit. */
  readonly joint: readonly (readonly number[])[];
  /** A service's crash points no instance stood at (it has no such await), left out of `crashPoints`. */
  readonly crashPointsNotAwaited: readonly string[];
}

/** One scenario of the run. */
export interface RunReportEntry {
  readonly name: string;
  /** What it is in `eosim mutants` (`reference runtime`, `planted bug (service)`), null in `eosim run`. */
  readonly role: string | null;
  readonly hazard: string | null;
  readonly expect: "pass" | "fail";
  readonly ok: boolean;
  /** How it ended, as its status line says it. */
  readonly status: string;
  readonly runs: number;
  /** Seconds spent running and shrinking. */
  readonly seconds: number;
  readonly schedulesPerSecond: number;
  readonly failure: string | null;
  /** The failing checkers' anomalies, one line each (the first few). */
  readonly anomalies: readonly string[];
  readonly shrunkIntents: number | null;
  /** Its failure's HTML report, as written (renderers link to it from where they write). */
  readonly html: string | null;
  readonly repro: string | null;
  readonly replay: string | null;
  readonly coverage: CoverageTable;
  readonly warnings: readonly string[];
}

/** The run. */
export interface RunReport {
  /** `eosim run --runs 300 --seed 1 ...`, as run. */
  readonly command: string;
  readonly seed: number;
  readonly ok: boolean;
  /** The run's summary line. */
  readonly summary: string;
  /** Failing entries first (what a reader came for), then the rest in run order. */
  readonly entries: readonly RunReportEntry[];
}

/** Anomaly lines listed per scenario. */
const anomalyLinesMax = 5;

function statusOf(result: ScenarioResult): string {
  if (result.stopped && result.failure === null && result.error === null) return `interrupted after ${result.runs} of ${result.plannedRuns} schedules, no failure so far`;
  if (result.error !== null) return `${result.error.kind} error: ${result.error.message}`;
  if (result.coverageMissing.length > 0) return `required coverage not reached in ${result.runs} schedules: ${result.coverageMissing.join(", ")}`;
  if (result.failure === null) return `${result.runs} schedules, ${result.expect === "fail" ? "expected a failure, none found" : "no failure"}`;
  const kind = result.failure.verdict.failure;
  return `${kind} failure${result.expect === "fail" ? " found, as expected," : ""} after ${result.failure.schedulesToFailure} schedules, shrunk to ${result.failure.schedule.intents.length} intent(s)`;
}

function coverageTableOf(result: ScenarioResult, scenario: Scenario): CoverageTable & { warnings: readonly string[] } {
  const scope = coverageScopeOf(scenario);
  const counts = result.coverage.counts;
  const count = (label: string) => counts.get(label) ?? 0;
  const shares = coverageShareFields(result.coverage, { runs: result.runs, found: result.failure !== null || result.error !== null }, scope);
  const points = scope.crashPoints.filter((name) => shares.crashPoints[name] !== undefined);
  return {
    crashPoints: points.map((name) => ({ name, ...shares.crashPoints[name] })),
    crashPointsNotAwaited: shares.crashPointsNotAwaited,
    faultKinds: scope.faultKinds.map((kind) => ({ kind, reached: count(`fault:${kind}`), weighted: count(weightedLabel(kind)), effective: count(effectiveLabel(kind)), share: shares.faultEffect[kind]?.share ?? null })),
    joint: points.map((point) => scope.faultKinds.map((kind) => count(jointLabel(point, kind)))),
    warnings: shares.warnings,
  };
}

/** `path` as a link from the folder of `from` (forward slashes, as links and Markdown want them). */
export function linkFrom(from: string, path: string): string {
  return relative(dirname(from), path).split(sep).join("/");
}

/** The entry of one scenario's result; `files`: its failure's files as written. */
export function runReportEntryOf(
  scenario: Scenario,
  result: ScenarioResult,
  files: { readonly repro: string | null; readonly html: string | null },
  role: { readonly role: string | null; readonly hazard: string | null } = { role: null, hazard: null },
): RunReportEntry {
  const { warnings, ...coverage } = coverageTableOf(result, scenario);
  const verdicts = result.failure?.verdict.verdicts ?? [];
  const anomalies = verdicts.flatMap((v) => (v.valid === true ? [] : v.anomalies.map((a) => `${v.checker}: ${a.kind}: ${a.detail}`))).slice(0, anomalyLinesMax);
  return {
    name: result.name,
    ...role,
    expect: result.expect,
    ok: scenarioOk(result) && !result.stopped,
    status: statusOf(result),
    runs: result.runs,
    seconds: result.seconds + result.shrinkSeconds,
    schedulesPerSecond: Math.round(result.schedulesPerSecond),
    failure: result.failure?.verdict.failure ?? (result.error === null ? null : `${result.error.kind} error`),
    anomalies,
    shrunkIntents: result.failure?.schedule.intents.length ?? null,
    html: files.html,
    repro: files.repro,
    replay: files.repro === null ? null : replayCommand(files.repro),
    coverage,
    warnings,
  };
}

/** The run report of `entries` (in run order). */
export function runReportOf(command: string, seed: number, entries: readonly RunReportEntry[], summary: string): RunReport {
  const failing = entries.filter((e) => !e.ok);
  return { command, seed, ok: failing.length === 0, summary, entries: [...failing, ...entries.filter((e) => e.ok)] };
}
