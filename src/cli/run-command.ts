/**
 * `eosim run [names | paths] [--runs N] [--seed S] [--time-limit SEC] [--json]`
 *
 * Runs each selected scenario over generated schedules from one seed, prints one block per
 * scenario (the shrunk schedule, anomalies, repro path and replay command for every failure
 * found) and exits by the worst outcome. With `--json`, stdout is one JSON object and nothing
 * else.
 */
import { reproOf, reproPathFor, writeRepro } from "../report/repro-file.ts";
import { coverageText } from "../report/coverage-text.ts";
import { failureText } from "../report/failure-text.ts";
import { runScenario, type ScenarioResult } from "../scenario/run-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { intFlag, parseFlags, secondsFlag, seedMax, seedMin } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { selectScenarios } from "./select-scenarios.ts";
import { pickSeed } from "./seed.ts";

/** Where reports go. */
export const reportsDir = "reports";

/** One scenario's line in the JSON summary. */
export interface ScenarioSummary {
  readonly name: string;
  readonly expect: "pass" | "fail";
  readonly ok: boolean;
  readonly runs: number;
  readonly failures: number;
  readonly seed: number;
  readonly repro: string | null;
  readonly schedulesPerSecond: number;
  readonly failure: "safety" | "liveness" | "unknown" | null;
  readonly anomalies: readonly string[];
  readonly shrunkIntents: number | null;
  readonly error: string | null;
  /** Schedules that reached each coverage label (see README: fault coverage). */
  readonly coverage: Record<string, number>;
  /** Required coverage labels not reached. */
  readonly coverageMissing: readonly string[];
}

function summarize(result: ScenarioResult, repro: string | null): ScenarioSummary {
  const verdict = result.failure?.verdict;
  return {
    name: result.name,
    expect: result.expect,
    ok: result.ok,
    runs: result.runs,
    failures: result.failures,
    seed: result.seed,
    repro,
    schedulesPerSecond: Math.round(result.schedulesPerSecond),
    failure: verdict?.failure ?? null,
    anomalies: verdict === undefined ? [] : [...new Set(verdict.verdicts.flatMap((v) => v.anomalies.map((a) => a.kind)))],
    shrunkIntents: result.failure?.schedule.intents.length ?? null,
    error: result.error === null ? null : `${result.error.kind} error: ${result.error.message}`,
    coverage: result.coverage.toJSON(),
    coverageMissing: result.coverageMissing,
  };
}

/** The exit code of a set of results: harness > processor error > safety > liveness. */
export function exitCodeOf(results: readonly ScenarioResult[]): ExitCode {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return ExitCode.ok;
  if (failed.some((r) => r.error?.kind === "harness")) return ExitCode.harness;
  if (failed.some((r) => r.error?.kind === "processor")) return ExitCode.badInput;
  const livenessOnly = failed.every((r) => r.expect === "pass" && r.failure?.verdict.failure === "liveness");
  return livenessOnly ? ExitCode.liveness : ExitCode.safety;
}

function statusLine(result: ScenarioResult): string {
  const mark = result.ok ? "ok  " : "FAIL";
  const rate = `${Math.round(result.schedulesPerSecond)} schedules/s`;
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

function runOne(scenario: Scenario, seed: number, runs: number | undefined, timeLimitSeconds: number | undefined) {
  const result = runScenario(scenario, { seed, runs, timeLimitSeconds });
  let repro: string | null = null;
  if (result.failure !== null) {
    repro = reproPathFor(reportsDir, scenario.name, seed);
    writeRepro(repro, reproOf(scenario, seed, result.failure));
  }
  return { result, repro };
}

/** Run the command; returns the exit code. */
export async function runCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("run", argv, {
    runs: { type: "string" },
    seed: { type: "string" },
    "time-limit": { type: "string" },
    json: { type: "boolean" },
  });
  const runs = intFlag("runs", values.runs, 1, 100_000_000);
  const timeLimit = secondsFlag("time-limit", values["time-limit"]);
  const seed = pickSeed(intFlag("seed", values.seed, seedMin, seedMax));
  const scenarios = await selectScenarios(positionals);
  const json = values.json === true;
  if (!json) console.log(`eosim run: seed ${seed.value}${seed.source === "random" ? " (random; pass --seed to repeat)" : ` (from ${seed.source})`}`);
  const results: ScenarioResult[] = [];
  const summaries: ScenarioSummary[] = [];
  for (const scenario of scenarios) {
    const { result, repro } = runOne(scenario, seed.value, runs, timeLimit);
    results.push(result);
    summaries.push(summarize(result, repro));
    if (json) continue;
    console.log(statusLine(result));
    if (result.failure !== null) console.log(failureText(result.failure, repro));
    else console.log(coverageText(result.coverage));
  }
  const code = exitCodeOf(results);
  if (json) {
    console.log(JSON.stringify({ ok: code === ExitCode.ok, seed: seed.value, scenarios: summaries }, null, 2));
  } else {
    const okCount = results.filter((r) => r.ok).length;
    console.log(`${results.length} scenario(s): ${okCount} met their expectation, ${results.length - okCount} did not`);
  }
  return code;
}
