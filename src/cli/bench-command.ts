/**
 * `eosim bench [--quick] [--out FILE]` (also `npm run bench`): run the benchmark in `bench/`
 * (throughput on the reference workload against its limit, every planted bug, the
 * hand-written fc.commands harness side by side, replay latency, peak memory), print the
 * tables and write the report as JSON (default `reports/bench.json`). Progress goes to stderr.
 * Exits 0 when the measurements completed, whether or not the targets were met: a missed
 * target is a finding, printed as MISSED.
 *
 * The benchmark lives in the repository's `bench/` folder, which the package does not ship:
 * it is imported by a computed URL (so the build leaves it out) and only when present.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkWritable } from "../report/check-writable.ts";
import { writeFileAtomic } from "../report/write-file-atomic.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { reportsDir } from "./run-command.ts";

/** The parts of `bench/run-bench.ts` and `bench/bench-report.ts` this command uses. */
interface BenchModules {
  runBench(budget: unknown, quick: boolean, reproPath: string, log: (line: string) => void): Promise<{ seconds: number }>;
  defaultBudget: unknown;
  quickBudget: unknown;
  benchTable(report: { seconds: number }): string;
}

async function benchModules(): Promise<BenchModules> {
  const bench = new URL("../../bench/", import.meta.url);
  const runBenchUrl = new URL("run-bench.ts", bench);
  if (!existsSync(fileURLToPath(runBenchUrl))) throw new BadInputError("eosim bench runs in eosim's own repository (its bench/ folder is not part of the package)");
  const [run, report] = await Promise.all([import(runBenchUrl.href), import(new URL("bench-report.ts", bench).href)]);
  return { ...(run as Omit<BenchModules, "benchTable">), benchTable: (report as Pick<BenchModules, "benchTable">).benchTable };
}

/** Run the command; returns the exit code. */
export async function benchCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("bench", argv, { quick: { type: "boolean" }, out: { type: "string" } });
  if (positionals.length > 0) throw new BadInputError(`bench takes no arguments, got ${JSON.stringify(positionals[0])} (see eosim bench --help)`);
  const out = values.out ?? join(reportsDir, "bench.json");
  if (out.trim() === "") throw new BadInputError("--out needs a file path, e.g. --out reports/bench.json");
  // Before the benchmark's minutes, not after them.
  checkWritable(out, "--out");
  const quick = values.quick === true;
  console.log(`eosim bench${quick ? " --quick (smoke run: tiny budgets, figures mean nothing)" : ""}: writing ${out}`);
  const { runBench, benchTable, defaultBudget, quickBudget } = await benchModules();
  const report = await runBench(quick ? quickBudget : defaultBudget, quick, join(dirname(out), "bench-repro.json"), (line) => console.error(`bench: ${line}`));
  writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(benchTable(report));
  console.log(`benchmark took ${report.seconds} s; report written to ${out}`);
  return ExitCode.ok;
}
