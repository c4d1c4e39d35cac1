/**
 * The benchmark (`npm run bench`, `npx eosim bench`): measures eosim on the reference
 * workload against its limit, on every planted bug, against the hand-written harness, and
 * its replay latency and peak memory, then checks the performance issue's targets. Budgets
 * keep the default run under ten minutes on a two-core machine; `quick` is a smoke run of
 * the same code with tiny budgets (its figures mean nothing).
 */
import { spawnSync } from "node:child_process";
import { loadavg, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { checkerNames } from "../src/check/all-checkers.ts";
import { mutants } from "../src/runtime/mutants.ts";
import { type BenchReport, targetsOf } from "./bench-report.ts";
import { figure } from "./figure.ts";
import { comparableBugs, compareBug } from "./hand-written-comparison.ts";
import { bugFigures, searchAllBugs } from "./planted-bugs.ts";
import { referenceWorkload } from "./reference-workload.ts";
import { replaySeconds, writeBenchRepro } from "./replay-latency.ts";
import { throughput } from "./throughput.ts";

/** How much of everything to measure. */
export interface BenchBudget {
  readonly repetitions: number;
  readonly oneWorkerRuns: number;
  readonly twoWorkerRuns: number;
  readonly bugSeeds: number;
  readonly bugRunsMax: number;
  readonly handRunsMax: number;
  readonly handSecondsMax: number;
  readonly replayRepetitions: number;
  readonly rssRuns: number;
  readonly serviceRuns: number;
  readonly serviceRssRuns: number;
  /** Schedules of the service workload on SQLite per repetition. */
  readonly sqliteRuns: number;
}

/** The default budget (under ten minutes on two cores). */
export const defaultBudget: BenchBudget = {
  repetitions: 7,
  oneWorkerRuns: 3000,
  twoWorkerRuns: 6000,
  bugSeeds: 7,
  bugRunsMax: 3000,
  handRunsMax: 100_000,
  handSecondsMax: 10,
  replayRepetitions: 5,
  rssRuns: 100_000,
  serviceRuns: 1000,
  serviceRssRuns: 20_000,
  sqliteRuns: 500,
};

/** A smoke run of every measurement. */
export const quickBudget: BenchBudget = {
  repetitions: 2,
  oneWorkerRuns: 200,
  twoWorkerRuns: 400,
  bugSeeds: 1,
  bugRunsMax: 300,
  handRunsMax: 500,
  handSecondsMax: 1,
  replayRepetitions: 1,
  rssRuns: 500,
  serviceRuns: 50,
  serviceRssRuns: 100,
  sqliteRuns: 30,
};

const peakMemoryScript = fileURLToPath(new URL("./peak-memory-entry.js", import.meta.url));

/** Peak RSS (MB) of a child process running `runs` schedules of the reference workload. */
function peakRssMb(runs: number, workload: "reference" | "service" = "reference"): number {
  const child = spawnSync(process.execPath, [peakMemoryScript, String(runs), workload], { encoding: "utf8" });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return (JSON.parse(line) as { maxRssMb: number }).maxRssMb;
  } catch {
    throw new Error(`the peak-memory run printed no result (exit ${child.status}): ${child.stderr.trim().split("\n")[0]}`);
  }
}

/** Run the benchmark; `log` receives one progress line per step. */
export async function runBench(budget: BenchBudget, quick: boolean, reproPath: string, log: (line: string) => void): Promise<BenchReport> {
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const workload = referenceWorkload();
  const reps = await throughput(budget.repetitions, budget.oneWorkerRuns, budget.twoWorkerRuns, budget.serviceRuns, budget.sqliteRuns, log);
  log(`planted bugs: ${mutants.length} bugs x ${budget.bugSeeds} seeds, up to ${budget.bugRunsMax} schedules each`);
  const searches = searchAllBugs(budget.bugSeeds, budget.bugRunsMax);
  const plantedBugs = [...searches].map(([name, s]) => bugFigures(name, s));
  log(`hand-written harness: ${comparableBugs.length} bugs x ${budget.bugSeeds} seeds, up to ${budget.handRunsMax} test cases or ${budget.handSecondsMax} s each`);
  const handWrittenComparison = comparableBugs.map((name) => compareBug(name, searches.get(name)!, budget.handRunsMax, budget.handSecondsMax));
  await writeBenchRepro(reproPath);
  const replays = Array.from({ length: budget.replayRepetitions }, () => replaySeconds(reproPath));
  log(`replay latency: ${replays.map((s) => s.toFixed(2)).join(" ")} s; peak memory: ${budget.rssRuns} schedules in a child process`);
  const rss = peakRssMb(budget.rssRuns);
  log(`peak memory of the ledger service: ${budget.serviceRssRuns} schedules in a child process`);
  const serviceRss = peakRssMb(budget.serviceRssRuns, "service");
  const figures = {
    schedulesPerSecond: {
      oneWorker: figure(reps.oneWorker, "schedules/s"),
      twoWorkers: figure(reps.twoWorkers, "schedules/s"),
      twoWorkerSpeedup: figure(reps.speedups, "x"),
      workerStartSeconds: figure([reps.workerStartSeconds], "s"),
      service: figure(reps.service, "schedules/s"),
      sqlite: figure(reps.sqlite, "schedules/s"),
    },
    sqliteCostMsPerSchedule: figure(reps.sqliteCostMs, "ms/schedule"),
    serviceRatio: figure(reps.serviceRatios, "ratio"),
    limitRatio: figure(reps.limitRatios, "ratio"),
    baselineMsPerSchedule: figure(reps.baselineMs, "ms/schedule"),
    plantedBugs,
    handWrittenComparison,
    replayLatency: figure(replays, "s"),
    peakRss: { ...figure([rss], "MB"), runs: budget.rssRuns },
    peakRssService: { ...figure([serviceRss], "MB"), runs: budget.serviceRssRuns },
  };
  return {
    format: "eosim-bench/1",
    date: new Date().toISOString(),
    quick,
    machine: { node: process.version, cpus: cpus().length, loadAverage1m: [loadAtStart, loadavg()[0]] },
    workload: { description: workload.description, faults: workload.shape.faults, checkers: workload.checkers.map((c) => c.name).length === checkerNames.length ? checkerNames : workload.checkers.map((c) => c.name) },
    ...figures,
    targets: targetsOf(figures),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
