/**
 * `eosim run [names | paths | globs] [--runs N] [--seed S] [--time-limit SEC] [--json]
 *  [--junit FILE] [--html FILE] [--md FILE] [--quiet] [--workers N] [--shard i/n]
 *  [--check-determinism[=FRACTION]] [--fail-on-warnings]`
 *
 * Runs each selected scenario over generated schedules from one seed, prints one block per
 * scenario (the shrunk schedule, anomalies, repro path and replay command for every failure
 * found) and exits by the worst outcome. With `--json`, stdout is one JSON object and nothing
 * else; with `--quiet`, only failures and the final summary line (which names the seed);
 * `--junit FILE` also writes JUnit XML, `--html FILE` and `--md FILE` the run report
 * (`run-report-files.ts`); every failure also gets its HTML report (`report/html/`).
 * Progress goes to stderr (see `progress.ts`); colour only on a terminal. `--workers N`
 * spreads each scenario's schedules over N worker threads and `--shard i/n` runs one deterministic slice of them (merge shard reports with
 * `eosim merge`); neither changes which schedules run or which failure is reported.
 * `--fail-on-warnings` makes coverage warnings fail the run (`fail-on-warnings.ts`).
 */
import { checkWritable, checkWritableFolder } from "../report/check-writable.ts";
import { reproDirOf, reproOf, reproOfError, reproPathFor } from "../report/repro-file.ts";
import { failureReportPathFor } from "../report/html/failure-report.ts";
import { type RunReportEntry, runReportEntryOf, runReportOf } from "../report/run-report.ts";
import { coverageText } from "../report/coverage-text.ts";
import { coverageScopeOf } from "../report/coverage-scope.ts";
import { coverageShareFields } from "../report/coverage-summary.ts";
import { failureSteps, failureText, replayCommand } from "../report/failure-text.ts";
import { crashPointsOf } from "../service/life.ts";
import { writeJUnit } from "../report/junit.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { anomalyKindsOf } from "../check/all-checkers.ts";
import { type MergeableSummary, shardDetailOf } from "../report/shard-report.ts";
import { runScenarioParallel } from "../run/parallel-run.ts";
import { scenarioOk } from "../run/scenario-outcome.ts";
import { endOfResult, type ScenarioResult } from "../run/scenario-result.ts";
import { parseShard, planChunks, type Shard, shardCountMax } from "../run/schedule-chunks.ts";
import { WorkerPool } from "../run/worker-pool.ts";
import { defaultDeterminismSample } from "../run/determinism.ts";
import { stopRequested } from "../run/stop-request.ts";
import { stopOnSignals } from "./stop-on-signal.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { intFlag, parseFlags, secondsFlag, seedMax, seedMin } from "./args.ts";
import { colourWanted, type Paint, painter } from "./colour.ts";
import { stopIfOutputClosed } from "./closed-output.ts";
import { exitCodeWithWarnings, failOnWarningsLine } from "./fail-on-warnings.ts";
import { ExitCode, runExitCode } from "./exit-codes.ts";
import { noProgress, type ScenarioProgress, startProgress } from "./progress.ts";
import { junitSuiteOf, type RunOutcome } from "./run-junit.ts";
import { selectScenarios } from "./select-scenarios.ts";
import { pickSeed } from "./seed.ts";
import { warningLines } from "./warning-lines.ts";
import { runReportFilesOf, runReportFlags, wantsRunReport, writeRunReports } from "./run-report-files.ts";
import { writeFailureReportOrWarn } from "./write-failure-report.ts";
import { writeReproOrWarn } from "./write-repro.ts";

/** Where reports go. */
export const reportsDir = "reports";

/** One scenario's line in the JSON summary (the fields `eosim merge` reads back). */
export type ScenarioSummary = MergeableSummary;

function summarize(result: ScenarioResult, repro: string | null, html: string | null, scenario: Scenario): ScenarioSummary {
  const verdict = result.failure?.verdict;
  return {
    name: result.name,
    expect: result.expect,
    ok: scenarioOk(result) && !result.stopped,
    runs: result.runs,
    failures: result.failure === null ? 0 : 1,
    seed: result.seed,
    repro,
    schedulesPerSecond: Math.round(result.schedulesPerSecond),
    failure: verdict?.failure ?? null,
    anomalies: verdict === undefined ? [] : anomalyKindsOf(verdict),
    shrunkIntents: result.failure?.schedule.intents.length ?? null,
    checkers: verdict === undefined ? [] : verdict.verdicts.map((v) => ({ checker: v.checker, valid: v.valid, anomalies: v.anomalies })),
    steps: result.failure === null ? null : failureSteps(result.failure),
    replay: repro === null ? null : replayCommand(repro),
    html,
    error: result.error === null ? null : `${result.error.kind} error: ${result.error.message}`,
    coverage: result.coverage.reachedCounts(),
    coverageMissing: result.coverageMissing,
    ...coverageShareFields(result.coverage, { runs: result.runs, found: result.failure !== null || result.error !== null }, coverageScopeOf(scenario)),
    shard: shardDetailOf(result, scenario),
  };
}

/** The exit code of a set of results: harness > processor error > safety > liveness. */
export function exitCodeOf(results: readonly ScenarioResult[]): ExitCode {
  return runExitCode(results.map(endOfResult));
}

function statusLine(result: ScenarioResult): string {
  const rate = `${Math.round(result.schedulesPerSecond)} schedules/s`;
  if (result.stopped && result.failure === null && result.error === null) return `STOP ${result.name}: interrupted after ${result.runs} of ${result.plannedRuns} schedules, no failure so far (${rate})`;
  const mark = scenarioOk(result) ? "ok  " : "FAIL";
  if (result.error !== null) return `${mark} ${result.name}: ${result.error.kind} error: ${result.error.message}`;
  if (result.coverageMissing.length > 0) {
    return `${mark} ${result.name}: required coverage not reached in ${result.runs} schedules: ${result.coverageMissing.join(", ")}`;
  }
  if (result.failure === null) {
    const note = result.expect === "fail" ? "expected a failure, none found" : "no failure";
    return `${mark} ${result.name}: ${result.runs} schedules, ${note} (${rate})`;
  }
  const kind = result.failure.verdict.failure;
  const note = result.expect === "fail" ? `${kind} failure found, as expected` : `${kind} failure`;
  return `${mark} ${result.name}: ${note} after ${result.runs} schedules (${rate})`;
}

function writeJUnitOrFail(path: string, suite: ReturnType<typeof junitSuiteOf>): void {
  try {
    writeJUnit(path, suite);
  } catch (error) {
    throw new BadInputError(`--junit: cannot write ${path} (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
}

/** Colour the ok / FAIL mark at the start of a status line. */
function paintStatus(line: string, ok: boolean, paint: Paint): string {
  const mark = line.slice(0, 4);
  return paint(ok ? "green" : "red", mark) + line.slice(4);
}

/** Progress for one scenario: a bar on a terminal, plain lines elsewhere, none when quiet off a terminal. */
function progressFor(scenario: Scenario, quiet: boolean, timeLimitSeconds: number | undefined): ScenarioProgress {
  const interactive = process.stderr.isTTY === true;
  if (quiet && !interactive) return noProgress;
  return startProgress(scenario.name, { stream: process.stderr, interactive, timeLimitSeconds, paint: painter(colourWanted(process.stderr)) });
}

/** How a run spreads (worker threads, a pool shared by the scenarios, and the shard) and what it re-checks. */
interface Spread {
  readonly workers: number;
  readonly pool: WorkerPool | undefined;
  readonly shard: Shard | null;
  readonly checkDeterminism: number | undefined;
}

/**
 * `--check-determinism` alone means the default sample (Node's parser wants a value for a
 * string flag, so the bare flag is spelled out before parsing); `--check-determinism=F` a
 * fraction F in (0, 1].
 */
function withDeterminismDefault(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === "--check-determinism" ? `--check-determinism=${defaultDeterminismSample}` : arg));
}

function fractionFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > 1) throw new BadInputError(`--${name} must be a fraction above 0 and at most 1 (e.g. --${name}=0.05), got ${JSON.stringify(value)}`);
  return n;
}

function shardFlag(value: string | undefined): Shard | null {
  if (value === undefined) return null;
  const shard = parseShard(value);
  if (shard === null) throw new BadInputError(`--shard must be i/n with 1 <= i <= n <= ${shardCountMax}, e.g. 2/4, got ${JSON.stringify(value)}`);
  return shard;
}

async function runOne(scenario: Scenario, seed: number, runs: number | undefined, timeLimitSeconds: number | undefined, progress: ScenarioProgress, spread: Spread) {
  const result = await runScenarioParallel(scenario, { seed, runs, timeLimitSeconds, onProgress: progress.update, ...spread });
  progress.stop();
  let repro: string | null = null;
  let html: string | null = null;
  const htmlPath = failureReportPathFor(reportsDir, scenario.name, seed);
  if (result.failure !== null) {
    const failure = result.failure;
    repro = writeReproOrWarn(reproPathFor(reportsDir, scenario.name, seed), reproOf(scenario, seed, failure));
    const found = { schedules: failure.schedulesToFailure, shrinks: failure.shrinks };
    html = writeFailureReportOrWarn(htmlPath, scenario, seed, { kind: "failure", schedule: failure.schedule, verdict: failure.verdict, historyHash: failure.historyHash, found }, repro);
  } else if (result.error?.schedule !== undefined && result.error.run !== undefined) {
    // A schedule that stopped the run (stuck, threw, not deterministic) is kept too, unshrunk.
    const error = { ...result.error, schedule: result.error.schedule, run: result.error.run };
    repro = writeReproOrWarn(reproPathFor(reportsDir, scenario.name, seed), reproOfError(scenario, seed, error));
    html = writeFailureReportOrWarn(htmlPath, scenario, seed, { kind: "error", schedule: error.schedule, errorKind: error.kind, message: error.message }, repro);
  }
  return { result, repro, html };
}

/**
 * Throw when `result` ran no schedule (a time limit that ended the run before its first
 * one): a scenario that tested nothing must not pass. A shard whose slice of the run holds no
 * chunk legitimately runs none; `eosim merge` checks the run as a whole.
 */
function checkRanSchedules(result: ScenarioResult, shard: Shard | null, timeLimit: { seconds: number | undefined; fromFlag: boolean }): void {
  if (result.runs > 0 || result.failure !== null || result.error !== null || result.stopped) return;
  if (shard !== null && planChunks(result.plannedRuns, result.seed, shard).length === 0) return;
  const why = timeLimit.seconds === undefined ? "" : ` (the time limit of ${timeLimit.seconds} s ended the run before its first schedule; raise ${timeLimit.fromFlag ? "--time-limit" : "the scenario's timeLimitSeconds"})`;
  throw new BadInputError(`scenario "${result.name}" ran 0 schedules, so nothing was tested${why}`);
}

/** The flags of `eosim run`. */
export const runFlags = {
  runs: { type: "string" },
  seed: { type: "string" },
  "time-limit": { type: "string" },
  json: { type: "boolean" },
  junit: { type: "string" },
  quiet: { type: "boolean" },
  workers: { type: "string" },
  shard: { type: "string" },
  "check-determinism": { type: "string" },
  "fail-on-warnings": { type: "boolean" },
  ...runReportFlags,
} as const;

/** Run the command; returns the exit code. */
export async function runCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("run", withDeterminismDefault(argv), runFlags);
  const workers = intFlag("workers", values.workers, 1, 64) ?? 1;
  const shard = shardFlag(values.shard);
  const runs = intFlag("runs", values.runs, 1, 100_000_000);
  const timeLimit = secondsFlag("time-limit", values["time-limit"]);
  const seed = pickSeed(intFlag("seed", values.seed, seedMin, seedMax));
  if (values.junit !== undefined && values.junit.trim() === "") throw new BadInputError("--junit needs a file path, e.g. --junit reports/junit.xml");
  // Before the first scenario runs, not after the run: a path found unwritable at the end threw the run's verdict away.
  if (values.junit !== undefined) checkWritable(values.junit, "--junit");
  const reportFiles = runReportFilesOf(values);
  checkWritableFolder(reproDirOf(reportsDir), "repro files");
  const scenarios = await selectScenarios(positionals);
  const json = values.json === true;
  const quiet = values.quiet === true;
  const failOnWarnings = values["fail-on-warnings"] === true;
  const paint = painter(!json && colourWanted(process.stdout));
  const signals = stopOnSignals();
  if (!json && !quiet) console.log(`eosim run: seed ${seed.value}${seed.source === "random" ? " (random; pass --seed to repeat)" : ` (from ${seed.source})`}${shard === null ? "" : `, shard ${shard.index}/${shard.count}`}`);
  const results: ScenarioResult[] = [];
  const summaries: ScenarioSummary[] = [];
  const outcomes: RunOutcome[] = [];
  const entries: RunReportEntry[] = [];
  const checkDeterminism = fractionFlag("check-determinism", values["check-determinism"]);
  const spread: Spread = { workers, shard, checkDeterminism, pool: workers > 1 ? new WorkerPool(workers) : undefined };
  try {
    for (const scenario of scenarios) {
      stopIfOutputClosed();
      if (stopRequested()) break;
      const limit = timeLimit ?? scenario.timeLimitSeconds;
      const { result, repro, html } = await runOne(scenario, seed.value, runs, limit, progressFor(scenario, quiet, limit), spread);
      checkRanSchedules(result, shard, { seconds: limit, fromFlag: timeLimit !== undefined });
      const summary = summarize(result, repro, html, scenario);
      results.push(result);
      summaries.push(summary);
      outcomes.push({ result, repro });
      if (wantsRunReport(reportFiles)) entries.push(runReportEntryOf(scenario, result, { repro, html }));
      // With --fail-on-warnings a warning fails the run, so --quiet shows it like a failure.
      const warnsAsFailure = failOnWarnings && summary.warnings.length > 0;
      if (json || (quiet && scenarioOk(result) && !warnsAsFailure)) continue;
      console.log(paintStatus(statusLine(result), scenarioOk(result), paint));
      if (result.failure !== null) console.log(failureText(result.failure, repro, "  ", html));
      else if (repro !== null) console.log(`  repro: ${repro}\n  replay: ${replayCommand(repro)}${html === null ? "" : `\n  html: ${html}`}`);
      else if (!quiet && result.error === null) console.log(coverageText(result.coverage, crashPointsOf(scenario.world)));
      // Warnings are no failures, so --quiet (failures and the summary) leaves them out.
      if (!quiet || warnsAsFailure) for (const line of warningLines(summary.warnings, paint)) console.log(line);
    }
  } finally {
    await spread.pool?.close();
  }
  // Stopped by a signal: what ran is reported as usual, the rest is named as not run, and the
  // exit code says the command was stopped (130, 143), whatever the results so far.
  const signal = signals.received();
  signals.dispose();
  const notRun = signal === null ? [] : scenarios.slice(results.length).map((s) => s.name);
  const warned = summaries.filter((s) => s.warnings.length > 0).length;
  const verdict = signals.exitCode() ?? exitCodeOf(results);
  let code = exitCodeWithWarnings(verdict, warned, failOnWarnings);
  if (values.junit !== undefined) writeJUnitOrFail(values.junit, junitSuiteOf(outcomes, seed.value, notRun));
  const okCount = results.filter((r) => scenarioOk(r) && !r.stopped).length;
  const counts = `${okCount} met their expectation, ${results.length - okCount} did not`;
  const rest = notRun.length === 0 ? "" : `, ${notRun.length} not run`;
  if (wantsRunReport(reportFiles)) {
    const report = runReportOf(`eosim run ${argv.join(" ")}`.trim(), seed.value, entries, `${results.length} scenario(s): ${counts}${rest} (seed ${seed.value})`);
    code = writeRunReports(reportFiles, report, code);
  }
  if (json) {
    const shardField = shard === null ? {} : { shard: `${shard.index}/${shard.count}` };
    const stopField = signal === null ? {} : { interrupted: true, signal, notRun };
    console.log(JSON.stringify({ ok: code === ExitCode.ok, seed: seed.value, ...shardField, ...stopField, scenarios: summaries }, null, 2));
  } else {
    const schedules = results.reduce((sum, r) => sum + r.runs, 0);
    const stop = signal === null ? "" : `interrupted (${signal}) after ${schedules} schedules: `;
    if (code !== verdict) console.log(paint("red", failOnWarningsLine(warned)));
    console.log(`${stop}${results.length} scenario(s): ${paint(okCount === results.length ? "green" : "red", counts)}${rest} (seed ${seed.value})`);
  }
  return code;
}
