/**
 * `eosim mutants [names] [--runs N] [--seed S] [--json] [--html FILE] [--md FILE]`: run the
 * references (the reference runtime with every built-in processor, and the ledger service,
 * under every fault) and every planted bug over generated schedules, and report how fast
 * each bug is caught. The planted
 * bugs are of two targets: the reference runtime with one knob turned (`runtime/mutants.ts`),
 * and variants of the ledger service with one realistic mistake each
 * (`scenario/service-mutants.ts`); every row says which (`target`). Exit 0 only when the
 * references pass and every mutant is detected. Each mutant's failure is written as a repro
 * file that `eosim replay` reproduces, and its HTML report; `--html` and `--md` write the
 * whole run as one page and as Markdown (`report/run-report.ts`).
 */
import { checkWritableFolder } from "../report/check-writable.ts";
import { reproDirOf, reproOf, reproPathFor, writeRepro } from "../report/repro-file.ts";
import { failureReportPathFor } from "../report/html/failure-report.ts";
import { type RunReportEntry, runReportEntryOf, runReportOf } from "../report/run-report.ts";
import { allMutantScenarios, referenceScenarios } from "../scenario/mutant-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { allServiceMutantScenarios, ledgerServiceScenario } from "../scenario/service-mutants.ts";
import { runScenario } from "../run/run-scenario.ts";
import { scenarioOk } from "../run/scenario-outcome.ts";
import { intFlag, parseFlags, seedMax, seedMin } from "./args.ts";
import { anomalyKindsOf } from "../check/all-checkers.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { ExitCode } from "./exit-codes.ts";
import { reportsDir } from "./run-command.ts";
import { runReportFilesOf, runReportFlags, wantsRunReport, writeRunReports } from "./run-report-files.ts";
import { pickSeed } from "./seed.ts";
import { writeFailureReportOrWarn } from "./write-failure-report.ts";

/** What a planted bug (or a reference) is planted in: the reference runtime, or a service run in eosim's sandbox. */
export type MutantTarget = "runtime" | "service";

/** One mutant's row. */
export interface MutantRow {
  readonly name: string;
  readonly target: MutantTarget;
  readonly hazard: string;
  readonly detected: boolean;
  readonly schedulesToDetect: number | null;
  readonly shrunkSteps: number | null;
  readonly seconds: number;
  readonly anomalies: readonly string[];
  readonly repro: string | null;
  /** The failure's HTML report (null without a failure, or when it could not be written). */
  readonly html: string | null;
}

/** One reference scenario's result. */
export interface ReferenceRow {
  readonly name: string;
  readonly target: MutantTarget;
  readonly runs: number;
  readonly failures: number;
}

function table(rows: readonly MutantRow[]): string {
  const header = ["mutant", "target", "detected", "schedules", "shrunk", "seconds", "hazard"];
  const lines = rows.map((r) => [r.name, r.target, r.detected ? "yes" : "NO", String(r.schedulesToDetect ?? "-"), String(r.shrunkSteps ?? "-"), r.seconds.toFixed(2), r.hazard]);
  const fixed = header.length - 1;
  const widths = header.slice(0, fixed).map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < fixed ? c.padEnd(widths[i]) : c)).join("  ");
  return [fmt(header), ...lines.map(fmt)].join("\n");
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The candidates named by `selectors` (all of them without one), in catalogue order. An
 * unknown name is bad input (exit 2): a selection of nothing would report "0/0 detected" and
 * pass.
 */
export function selectMutants<T extends { readonly name: string }>(candidates: readonly T[], selectors: readonly string[]): T[] {
  if (selectors.length === 0) return [...candidates];
  const names = new Set(candidates.map((c) => c.name));
  const unknown = selectors.filter((s) => !names.has(s));
  if (unknown.length > 0) {
    throw new BadInputError(`unknown mutant${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => JSON.stringify(n)).join(", ")} (known: ${[...names].join(", ")})`);
  }
  return candidates.filter((c) => selectors.includes(c.name));
}

/** Run the command; returns the exit code. */
export async function mutantsCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("mutants", argv, { runs: { type: "string" }, seed: { type: "string" }, json: { type: "boolean" }, ...runReportFlags });
  const runs = intFlag("runs", values.runs, 1, 100_000_000) ?? 2000;
  const seed = pickSeed(intFlag("seed", values.seed, seedMin, seedMax));
  const json = values.json === true;
  const reportFiles = runReportFilesOf(values);
  checkWritableFolder(reproDirOf(reportsDir), "repro files");
  const entries: RunReportEntry[] = [];
  const catalogue = [
    ...allMutantScenarios().map(({ mutant, scenario }) => ({ name: mutant.name, hazard: mutant.hazard, target: "runtime" as const, scenario })),
    ...allServiceMutantScenarios().map(({ mutant, scenario }) => ({ name: mutant.name, hazard: mutant.hazard, target: "service" as const, scenario })),
  ];
  const selected = selectMutants(catalogue, positionals);
  if (!json) console.log(`eosim mutants: seed ${seed.value}, up to ${runs} schedules each`);
  const references: Array<{ scenario: Scenario; target: MutantTarget }> = [
    ...referenceScenarios().map((scenario) => ({ scenario, target: "runtime" as const })),
    { scenario: ledgerServiceScenario(), target: "service" },
  ];
  const referenceRows: ReferenceRow[] = references.map(({ scenario, target }) => {
    const result = runScenario(scenario, { seed: seed.value, runs });
    entries.push(runReportEntryOf(scenario, result, { repro: null, html: null }, { role: `reference (${target})`, hazard: null }));
    if (!json && !scenarioOk(result)) console.log(`reference ${scenario.name} FAILED (seed ${seed.value})${result.error === null ? "" : `: ${result.error.message}`}`);
    return { name: scenario.name, target, runs: result.runs, failures: result.failure !== null || result.error !== null ? 1 : 0 };
  });
  const referenceRuns = referenceRows.reduce((sum, r) => sum + r.runs, 0);
  const referenceFailures = referenceRows.reduce((sum, r) => sum + r.failures, 0);
  const rows: MutantRow[] = selected.map(({ name, hazard, target, scenario }) => {
    const result = runScenario(scenario, { seed: seed.value, runs });
    const failure = result.failure;
    let repro: string | null = null;
    let html: string | null = null;
    if (failure !== null) {
      repro = reproPathFor(reportsDir, scenario.name, seed.value);
      writeRepro(repro, reproOf(scenario, seed.value, failure));
      const reported = { kind: "failure", schedule: failure.schedule, verdict: failure.verdict, historyHash: failure.historyHash, found: { schedules: failure.schedulesToFailure, shrinks: failure.shrinks } } as const;
      html = writeFailureReportOrWarn(failureReportPathFor(reportsDir, scenario.name, seed.value), scenario, seed.value, reported, repro);
    }
    entries.push(runReportEntryOf(scenario, result, { repro, html }, { role: `planted bug (${target})`, hazard }));
    return {
      name,
      target,
      hazard,
      detected: failure !== null,
      schedulesToDetect: failure === null ? null : failure.schedulesToFailure,
      shrunkSteps: failure === null ? null : failure.schedule.intents.length,
      seconds: Math.round(result.seconds * 100) / 100,
      anomalies: failure === null ? [] : anomalyKindsOf(failure.verdict),
      repro,
      html,
    };
  });
  const ok = referenceFailures === 0 && rows.every((r) => r.detected);
  let code: ExitCode = ok ? ExitCode.ok : ExitCode.safety;
  if (wantsRunReport(reportFiles)) {
    const summary = `${rows.filter((r) => r.detected).length}/${rows.length} mutants detected, ${referenceFailures} reference failure(s) (seed ${seed.value})`;
    code = writeRunReports(reportFiles, runReportOf(`eosim mutants ${argv.join(" ")}`.trim(), seed.value, entries, summary), code);
  }
  const detectedCounts = (of: readonly MutantRow[]) => of.flatMap((r) => (r.schedulesToDetect === null ? [] : [r.schedulesToDetect]));
  const shrunk = rows.flatMap((r) => (r.shrunkSteps === null ? [] : [r.shrunkSteps]));
  if (json) {
    const reference = { runs: referenceRuns, failures: referenceFailures, scenarios: referenceRows };
    console.log(JSON.stringify({ ok, seed: seed.value, reference, mutants: rows }, null, 2));
  } else {
    for (const target of ["runtime", "service"] as const) {
      const of = referenceRows.filter((r) => r.target === target);
      const what = target === "runtime" ? "over every built-in processor" : `of ${of.map((r) => r.name).join(", ")}`;
      console.log(`reference ${target}: ${of.reduce((sum, r) => sum + r.runs, 0)} schedules ${what}, ${of.reduce((sum, r) => sum + r.failures, 0)} failure(s)`);
    }
    console.log(table(rows));
    const byTarget = (["runtime", "service"] as const)
      .map((target) => ({ target, of: rows.filter((r) => r.target === target) }))
      .filter(({ of }) => of.length > 0)
      .map(({ target, of }) => `${target} ${of.filter((r) => r.detected).length}/${of.length}, median ${median(detectedCounts(of)) ?? "-"}`)
      .join("; ");
    console.log(`${rows.filter((r) => r.detected).length}/${rows.length} mutants detected; median schedules to detect ${median(detectedCounts(rows)) ?? "-"} (${byTarget}); median shrunk length ${median(shrunk) ?? "-"} intents`);
  }
  return code;
}
