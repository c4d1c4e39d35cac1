/**
 * Throughput of the reference workload: schedules per second on one worker (this thread)
 * and on two worker threads (a warm pool; its start-up is reported on its own), and the
 * `limitRatio` of eosim's time per schedule over the bare cost of generating and folding
 * the same schedules (`limit-baseline.ts`) on the same seed, right after it.
 *
 * Repetitions alternate one worker, baseline, two workers, so a change in the machine's load
 * (it may be shared) hits all three alike; the two-worker speedup is the median of the
 * per-repetition ratios.
 */
import { runScenarioParallel } from "../src/run/parallel-run.ts";
import { runScenario } from "../src/run/run-scenario.ts";
import { planChunks } from "../src/run/schedule-chunks.ts";
import { WorkerPool } from "../src/run/worker-pool.ts";
import { baselineSeconds } from "./limit-baseline.ts";
import { referenceWorkload, referenceWorkloadSource } from "./reference-workload.ts";
import { serviceWorkload } from "./service-workload.ts";

/** Per-repetition measurements. */
export interface ThroughputReps {
  /** Schedules per second on one worker. */
  readonly oneWorker: number[];
  /** Schedules per second on two workers. */
  readonly twoWorkers: number[];
  /** Two-worker rate over the one-worker rate of the same repetition. */
  readonly speedups: number[];
  /** eosim's time per schedule over the baseline's. */
  readonly limitRatios: number[];
  /** Baseline milliseconds per schedule. */
  readonly baselineMs: number[];
  /** Seconds from starting the pool until both workers returned their first chunk. */
  readonly workerStartSeconds: number;
  /** Schedules per second of the ledger service on the reference workload, one worker. */
  readonly service: number[];
  /** The service's rate over the reference runtime's one-worker rate of the same repetition. */
  readonly serviceRatios: number[];
  /** Schedules per second of the ledger service with its store in SQLite, one worker. */
  readonly sqlite: number[];
  /** What SQLite adds to a service schedule: its time per schedule minus the simulated store's, same repetition (ms). */
  readonly sqliteCostMs: number[];
}

/** `reps` alternating repetitions: `oneWorkerRuns` schedules in this thread, the baseline, `twoWorkerRuns` on two workers. */
export async function throughput(reps: number, oneWorkerRuns: number, twoWorkerRuns: number, serviceRuns: number, sqliteRuns: number, log: (line: string) => void): Promise<ThroughputReps> {
  const scenario = referenceWorkload();
  const service = serviceWorkload();
  const sqlite = serviceWorkload("sqlite");
  const started = performance.now();
  const pool = new WorkerPool(2);
  try {
    await pool.runChunks(referenceWorkloadSource, planChunks(200, 1)); // one chunk per worker
    const out: ThroughputReps = { oneWorker: [], twoWorkers: [], speedups: [], limitRatios: [], baselineMs: [], workerStartSeconds: (performance.now() - started) / 1000, service: [], serviceRatios: [], sqlite: [], sqliteCostMs: [] };
    runScenario(scenario, { seed: 100, runs: Math.min(oneWorkerRuns, 1000) }); // warm-up (JIT) of both paths
    runScenario(service, { seed: 100, runs: Math.min(serviceRuns, 200) });
    runScenario(sqlite, { seed: 100, runs: Math.min(sqliteRuns, 100) });
    await runScenarioParallel(scenario, { seed: 100, runs: Math.min(twoWorkerRuns, 2000), workers: 2, pool, source: referenceWorkloadSource });
    for (let i = 1; i <= reps; i++) {
      const one = runScenario(scenario, { seed: 100 + i, runs: oneWorkerRuns });
      if (one.failure !== null || one.error !== null) throw new Error(`the reference workload failed from seed ${100 + i}: the benchmark needs a passing runtime`);
      const baseline = baselineSeconds(scenario, 100 + i, oneWorkerRuns);
      const two = await runScenarioParallel(scenario, { seed: 200 + i, runs: twoWorkerRuns, workers: 2, pool, source: referenceWorkloadSource });
      const served = runScenario(service, { seed: 100 + i, runs: serviceRuns });
      if (served.failure !== null || served.error !== null) throw new Error(`the ledger service failed from seed ${100 + i}: the benchmark needs a passing service`);
      // The same seed as the simulated store's repetition: the same schedules, the same histories.
      const onSqlite = runScenario(sqlite, { seed: 100 + i, runs: sqliteRuns });
      if (onSqlite.failure !== null || onSqlite.error !== null) throw new Error(`the ledger service on SQLite failed from seed ${100 + i}: the benchmark needs a passing service`);
      out.service.push(served.runs / served.seconds);
      out.serviceRatios.push(served.runs / served.seconds / (one.runs / one.seconds));
      out.sqlite.push(onSqlite.runs / onSqlite.seconds);
      out.sqliteCostMs.push(((onSqlite.seconds / onSqlite.runs) - (served.seconds / served.runs)) * 1000);
      out.oneWorker.push(one.runs / one.seconds);
      out.twoWorkers.push(two.runs / two.seconds);
      out.speedups.push(two.runs / two.seconds / (one.runs / one.seconds));
      out.limitRatios.push(one.seconds / baseline);
      out.baselineMs.push((baseline * 1000) / oneWorkerRuns);
      log(`repetition ${i}/${reps}: 1 worker ${Math.round(one.runs / one.seconds)}/s, 2 workers ${Math.round(two.runs / two.seconds)}/s, limit ratio ${(one.seconds / baseline).toFixed(2)}, service ${Math.round(served.runs / served.seconds)}/s, on SQLite ${Math.round(onSqlite.runs / onSqlite.seconds)}/s`);
    }
    return out;
  } finally {
    await pool.close();
  }
}
