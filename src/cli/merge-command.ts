/**
 * `eosim merge <reports...> [--json] [--junit FILE] [--fail-on-warnings]`: merge the `--json` reports of the
 * shards of one run (`eosim run --shard i/n --json > shard-i.json`) into the summary the
 * unsharded run would have printed, and exit as it would have. Every shard of the run must be
 * there, once, and from the same run: the same seed, scenarios, planned schedules,
 * expectations and coverage scope. A missing shard would silently skip its schedules, and
 * shards of different runs (or reports that ran no schedule at all) would merge into a pass
 * that tested nothing, so each is bad input (exit 2) with one line saying why; so is a report
 * that is not one (`report/shard-report-file.ts` checks each field). The coverage warnings
 * are those the unsharded run printed, derived again from the merged counts.
 */
import { anomalyLines, replayCommand } from "../report/failure-text.ts";
import { type JUnitCase, type JUnitProblem, writeJUnit } from "../report/junit.ts";
import { endOfSummary, type MergeableSummary, mergeScenarioShards, type ShardSummary } from "../report/shard-report.ts";
import { readShardReport, type ShardReport } from "../report/shard-report-file.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { parseFlags } from "./args.ts";
import { ExitCode, runExitCode } from "./exit-codes.ts";
import { warningLines } from "./warning-lines.ts";
import { exitCodeWithWarnings, failOnWarningsLine } from "./fail-on-warnings.ts";

/** Why scenario summary `s` (of report `r`) is not from the same run as `f` (of the first report), or null. */
function runMismatch(r: ShardReport, s: ShardSummary, first: ShardReport, f: ShardSummary): string | null {
  const ours = s.shard;
  const theirs = f.shard;
  const differs = (what: string, a: unknown, b: unknown) => `${r.file}: scenario "${s.name}": ${what} ${a}, against ${b} in ${first.file} (not shards of one run)`;
  if (ours.plannedRuns !== theirs.plannedRuns) return differs("schedules planned", ours.plannedRuns, theirs.plannedRuns);
  if (ours.chunkSize !== theirs.chunkSize) return differs("chunk size", ours.chunkSize, theirs.chunkSize);
  if (s.expect !== f.expect) return differs("expect", `"${s.expect}"`, `"${f.expect}"`);
  const required = (d: typeof ours) => `[${d.requiredCoverage.join(", ")}]`;
  if (required(ours) !== required(theirs)) return differs("required coverage", required(ours), required(theirs));
  const scope = (d: typeof ours) => JSON.stringify(d.coverageScope);
  if (scope(ours) !== scope(theirs)) return differs("coverage scope", scope(ours), scope(theirs));
  return null;
}

/** Check that `reports` are every shard of one run, once each. */
function checkComplete(reports: readonly ShardReport[]): void {
  const first = reports[0];
  const names = (r: ShardReport) => r.scenarios.map((s) => s.name).join(",");
  for (const r of reports) {
    if (r.seed !== first.seed) throw new BadInputError(`${r.file}: seed ${r.seed}, against ${first.seed} in ${first.file} (not shards of one run)`);
    if (names(r) !== names(first)) throw new BadInputError(`${r.file}: scenarios [${names(r)}], against [${names(first)}] in ${first.file} (not shards of one run)`);
    r.scenarios.forEach((s, i) => {
      const mismatch = runMismatch(r, s, first, first.scenarios[i]);
      if (mismatch !== null) throw new BadInputError(mismatch);
    });
  }
  const count = first.scenarios[0].shard.count;
  const seen = new Map<number, string>();
  for (const r of reports) {
    const shard = r.scenarios[0].shard;
    if (shard.count !== count) throw new BadInputError(`${r.file}: shard ${shard.index}/${shard.count} is not one of ${count} shards`);
    const other = seen.get(shard.index);
    if (other !== undefined) throw new BadInputError(`${r.file}: shard ${shard.index}/${count} is also ${other}`);
    seen.set(shard.index, r.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  const shown = missing.slice(0, 5).map((i) => `${i}/${count}`).join(", ");
  if (missing.length > 0) throw new BadInputError(`missing shard(s) ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""} of the run (seed ${first.seed})`);
}

/** The exit code `eosim run` would have returned for `summaries` (harness > processor error > safety > liveness). */
export function exitCodeOfSummaries(summaries: readonly MergeableSummary[]): ExitCode {
  return runExitCode(summaries.map(endOfSummary));
}

function statusLine(s: MergeableSummary, foundBy?: string): string {
  const mark = s.ok ? "ok  " : "FAIL";
  if (s.error !== null) return `${mark} ${s.name}: ${s.error}`;
  if (s.coverageMissing.length > 0) return `${mark} ${s.name}: required coverage not reached in ${s.runs} schedules: ${s.coverageMissing.join(", ")}`;
  if (s.failures === 0) return `${mark} ${s.name}: ${s.runs} schedules, ${s.expect === "fail" ? "expected a failure, none found" : "no failure"}`;
  const found = `${s.failure} failure${s.expect === "fail" ? " found, as expected," : ""} after ${s.runs} schedules, shrunk to ${s.shrunkIntents} intent(s)`;
  const where = foundBy === undefined ? "" : ` (found by shard ${foundBy})`;
  return `${mark} ${s.name}: ${found}${where}${s.repro === null ? "" : `; replay: ${replayCommand(s.repro)}`}`;
}

function junitProblem(s: MergeableSummary, seed: number): JUnitProblem | null {
  if (s.ok) return null;
  if (s.error !== null) return { kind: "error", type: s.error.split(" ")[0], message: `${s.error} (seed ${seed})`, detail: s.error };
  const message = `${statusLine(s).slice(5)} (seed ${seed})`;
  const type = s.coverageMissing.length > 0 ? "coverage" : s.failures === 0 ? "not-detected" : (s.failure ?? "unknown");
  const steps = (s.steps ?? []).map((step, i) => `${String(i + 1).padStart(3)}. ${step}`);
  const found = s.checkers.length > 0 ? anomalyLines({ verdicts: s.checkers }) : [`anomalies: ${s.anomalies.join(", ") || "-"}`];
  return { kind: "failure", type, message, detail: [message, ...steps, ...found].join("\n") };
}

function writeJUnitOrFail(path: string, summaries: readonly MergeableSummary[], seed: number): void {
  const cases: JUnitCase[] = summaries.map((s) => ({
    name: s.name,
    seconds: s.schedulesPerSecond > 0 ? s.runs / s.schedulesPerSecond : 0,
    problem: junitProblem(s, seed),
    output: `${s.runs} schedules, seed ${seed}, expect ${s.expect} (merged from shards)`,
  }));
  try {
    writeJUnit(path, { name: "eosim", properties: { seed }, cases });
  } catch (error) {
    throw new BadInputError(`--junit: cannot write ${path} (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
}

/** The shard ("i/n") whose chunk holds the reported failure of scenario `i`, if any. */
function foundBy(reports: readonly ShardReport[], i: number): string | undefined {
  let best: { chunk: number; shard: string } | undefined;
  for (const r of reports) {
    const shard = r.scenarios[i].shard;
    const failing = shard.chunks.find((c) => c.failedAt !== null);
    if (failing !== undefined && (best === undefined || failing.index < best.chunk)) best = { chunk: failing.index, shard: `${shard.index}/${shard.count}` };
  }
  return best?.shard;
}

/** Merge the shard reports named in `files` into per-scenario summaries (and which shard found each failure). */
export function mergeReports(files: readonly string[]): { seed: number; scenarios: MergeableSummary[]; foundBy: (string | undefined)[] } {
  const reports = files.map(readShardReport);
  checkComplete(reports);
  const scenarios = reports[0].scenarios.map((_, i) => mergeScenarioShards(reports.map((r) => r.scenarios[i])));
  const empty = scenarios.find((s) => s.runs === 0 && s.failures === 0 && s.error === null);
  if (empty !== undefined) throw new BadInputError(`scenario "${empty.name}": the shards ran 0 schedules (a time limit ended them before the first one?): nothing was tested`);
  return { seed: reports[0].seed, scenarios, foundBy: scenarios.map((_, i) => foundBy(reports, i)) };
}

/** Run the command; returns the exit code. */
export async function mergeCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("merge", argv, { json: { type: "boolean" }, junit: { type: "string" }, "fail-on-warnings": { type: "boolean" } });
  if (positionals.length === 0) throw new BadInputError("eosim merge takes the JSON reports of every shard (eosim merge shard-*.json)");
  if (values.junit !== undefined && values.junit.trim() === "") throw new BadInputError("--junit needs a file path, e.g. --junit reports/junit.xml");
  const { seed, scenarios, foundBy: shards } = mergeReports(positionals);
  const warned = scenarios.filter((s) => s.warnings.length > 0).length;
  const verdict = exitCodeOfSummaries(scenarios);
  const code = exitCodeWithWarnings(verdict, warned, values["fail-on-warnings"] === true);
  if (values.junit !== undefined) writeJUnitOrFail(values.junit, scenarios, seed);
  if (values.json === true) {
    console.log(JSON.stringify({ ok: code === ExitCode.ok, seed, scenarios }, null, 2));
    return code;
  }
  console.log(`eosim merge: ${positionals.length} shard report(s), seed ${seed}`);
  scenarios.forEach((s, i) => {
    console.log(statusLine(s, shards[i]));
    for (const line of warningLines(s.warnings)) console.log(line);
  });
  const okCount = scenarios.filter((s) => s.ok).length;
  if (code !== verdict) console.log(failOnWarningsLine(warned));
  console.log(`${scenarios.length} scenario(s): ${okCount} met their expectation, ${scenarios.length - okCount} did not (seed ${seed})`);
  return code;
}
