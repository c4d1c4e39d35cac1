/**
 * The worker-thread side of a parallel run: receive chunk requests, load each request's
 * scenario once from its source, run the chunk and post its result back. One request at a
 * time; the pool (`worker-pool.ts`) decides which chunk comes next.
 */
import { parentPort } from "node:worker_threads";
import { HarnessError } from "../core/invariant.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { runChunk } from "./run-chunk.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { loadScenarioSource, type ScenarioSource } from "../scenario/scenario-source.ts";
import type { ChunkPlan } from "./schedule-chunks.ts";
import type { WorkerReply, WorkerRequest } from "./worker-messages.ts";

const scenarios = new Map<string, Promise<Scenario>>();

function scenarioOf(source: ScenarioSource): Promise<Scenario> {
  const key = JSON.stringify(source);
  let scenario = scenarios.get(key);
  if (scenario === undefined) {
    scenario = loadScenarioSource(source);
    scenarios.set(key, scenario);
  }
  return scenario;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const scenario = await scenarioOf(request.source);
    const plan: ChunkPlan = request.plan;
    return { id: request.id, result: runChunk(scenario, plan, { deadlineMs: request.deadlineMs, checkDeterminism: request.checkDeterminism }) };
  } catch (error) {
    const kind = error instanceof BadInputError ? "bad-input" : error instanceof HarnessError ? "harness" : "other";
    const message = error instanceof Error ? (kind === "other" ? (error.stack ?? error.message) : error.message) : String(error);
    return { id: request.id, error: { kind, message } };
  }
}

const port = parentPort;
if (port === null) throw new HarnessError("run-worker.ts must run in a worker thread");
port.on("message", (request: WorkerRequest) => {
  void handle(request).then((reply) => port.postMessage(reply));
});
