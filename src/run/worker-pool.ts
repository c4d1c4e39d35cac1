/**
 * A pool of worker threads that run the chunks of runs (see `schedule-chunks.ts`).
 *
 * Chunks go out in index order to whichever worker is idle. Once a chunk fails, no later chunk
 * is started, and the earlier chunks still running finish (one of them may fail too, and then
 * it wins). The chunks handed back are those up to the lowest failing one, which is what a
 * single thread would have run: the run's result does not depend on the number of workers or
 * on which worker finished first. Each worker loads the scenario once from its source
 * (`scenario/scenario-source.ts`); shrinking is left to the caller's thread.
 */
import { Worker } from "node:worker_threads";
import { HarnessError } from "../core/invariant.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import type { ChunkResult } from "./chunk-result.ts";
import type { ScenarioSource } from "../scenario/scenario-source.ts";
import type { ChunkPlan } from "./schedule-chunks.ts";
import type { WorkerError, WorkerReply, WorkerRequest } from "./worker-messages.ts";
import { stopFlagBuffer, stopRequested } from "./stop-request.ts";

const entry = new URL("./run-worker-entry.js", import.meta.url);

/**
 * Each worker thread's heap limits. A run's schedules make short-lived garbage only, and V8
 * sizes its heap by the limit it is given: with the default limit (a quarter of the machine's
 * memory) each worker let its old generation grow to about 95 MB before collecting it, and 1M
 * bank-ledger schedules with `--workers 2` peaked at 480 MB RSS. With an old-generation limit
 * of 1 GB or less V8 grows the heap in smaller steps (it counts as memory-constrained), and a
 * 4 MB young generation promotes little: 277-279 MB. The price is garbage collection: V8's
 * helper threads then take about half as much CPU as the workers themselves, so on two cores
 * `--workers 2` runs 60,000 bank-ledger schedules at 5,300/s against 4,900/s on one thread.
 * With a 2048 MB limit the same run takes 7,100/s but peaks at 421 MB, over the 300 MB a run
 * of 1M schedules must stay under; 1536 MB, a 64 MB young generation, fewer V8 helper
 * threads or a larger heap-growing factor buy at most 15% each, always with RSS at or over
 * 300 MB. A service that really needs more heap raises the limit with EOSIM_WORKER_HEAP_MB.
 */
const youngGenerationMb = 4;
const defaultOldGenerationMb = 1024;

/** The old-generation limit of a worker thread (EOSIM_WORKER_HEAP_MB, default 1024). */
export function workerHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.EOSIM_WORKER_HEAP_MB;
  if (text === undefined || text === "") return defaultOldGenerationMb;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 16 || mb > 1_048_576) throw new BadInputError(`EOSIM_WORKER_HEAP_MB must be an integer number of megabytes from 16 to 1048576, got "${text}"`);
  return mb;
}

/** A worker that ran out of heap is the scenario's size, not a bug in eosim: say what to change. */
function outOfMemory(limitMb: number): BadInputError {
  return new BadInputError(
    `a worker thread ran out of memory (its heap limit is ${limitMb} MB): the scenario's service or state needs more; raise EOSIM_WORKER_HEAP_MB or run with --workers 1`,
  );
}

function errorFrom(error: WorkerError): Error {
  if (error.kind === "bad-input") return new BadInputError(error.message);
  if (error.kind === "harness") return new HarnessError(error.message);
  return new Error(`a worker thread failed: ${error.message}`);
}

/** One worker thread with at most one chunk in flight. */
class PoolWorker {
  // The stop flag is shared, so a worker busy in a chunk sees a stop request between schedules.
  private readonly worker: Worker;
  private pending: { resolve: (result: ChunkResult) => void; reject: (error: Error) => void } | undefined;
  private closing = false;
  /** Set once the thread failed (also while idle, e.g. while loading): later requests fail at once. */
  private failure: Error | undefined;

  constructor(heapMb: number) {
    this.worker = new Worker(entry, {
      workerData: { stopFlag: stopFlagBuffer() },
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb, maxOldGenerationSizeMb: heapMb },
    });
    this.worker.on("message", (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = undefined;
      if ("error" in reply) pending?.reject(errorFrom(reply.error));
      else pending?.resolve(reply.result);
    });
    this.worker.on("error", (error) => {
      if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") this.fail(outOfMemory(heapMb));
      else this.fail(error instanceof Error ? error : new Error(String(error)));
    });
    this.worker.on("exit", (code) => {
      if (!this.closing) this.fail(new HarnessError(`a worker thread exited unexpectedly (code ${code})`));
    });
  }

  run(request: WorkerRequest): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  close(): Promise<number> {
    this.closing = true;
    return this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

/** Options of {@link WorkerPool.runChunks}. */
export interface PoolRunOptions {
  /** Wall-clock deadline (`Date.now()` milliseconds): no chunk starts after it. */
  readonly deadlineMs?: number;
  /** Called as each chunk finishes (in completion order). */
  readonly onChunk?: (result: ChunkResult) => void;
  /** Fraction of schedules to run twice and compare (`--check-determinism`). */
  readonly checkDeterminism?: number;
}

/** Worker threads that run chunks; reuse one pool for many runs, then close it. */
export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;

  constructor(readonly size: number) {
    const heapMb = workerHeapMb();
    for (let i = 0; i < size; i++) this.workers.push(new PoolWorker(heapMb));
  }

  /** Run `plans` (in index order) of the scenario `source` names; resolves to the chunks up to the lowest failing one. */
  runChunks(source: ScenarioSource, plans: readonly ChunkPlan[], options: PoolRunOptions = {}): Promise<ChunkResult[]> {
    return new Promise((resolve, reject) => {
      const results: ChunkResult[] = [];
      const idle = [...this.workers];
      let next = 0;
      let running = 0;
      let lowestFailure = Number.POSITIVE_INFINITY;
      let stopped = false;
      const mayStart = (): boolean =>
        !stopped && !stopRequested() && next < plans.length && plans[next].index < lowestFailure && (options.deadlineMs === undefined || Date.now() < options.deadlineMs);
      const finished = (result: ChunkResult, worker: PoolWorker): void => {
        running--;
        idle.push(worker);
        results.push(result);
        if (result.failedAt !== null) lowestFailure = Math.min(lowestFailure, result.index);
        if (result.interrupted) stopped = true;
        options.onChunk?.(result);
        pump();
      };
      const pump = (): void => {
        while (idle.length > 0 && mayStart()) {
          const worker = idle.pop()!;
          const plan = plans[next++];
          running++;
          const request: WorkerRequest = { id: this.nextId++, source, plan, deadlineMs: options.deadlineMs, checkDeterminism: options.checkDeterminism };
          worker.run(request).then((result) => finished(result, worker), (error: Error) => {
            stopped = true;
            reject(error);
          });
        }
        if (running === 0) {
          results.sort((a, b) => a.index - b.index);
          resolve(results.filter((r) => r.index <= lowestFailure));
        }
      };
      pump();
    });
  }

  /** Stop every worker thread. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
