import { describe, expect, it } from "vitest";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { interpret } from "../../src/sim/interpret.ts";
import { drain, heal } from "../../src/sim/phases.ts";
import { World } from "../../src/sim/world.ts";
import type { StoredMessage } from "../../src/service/world-port.ts";

const fixture = new URL("../fixtures/services/module-state.scenario.ts", import.meta.url).pathname;

/** Every output as (instance that sent it, its payload). */
function outputs(world: World): { instance: number; evaluation: string; handled: number }[] {
  const out: { instance: number; evaluation: string; handled: number }[] = [];
  for (const log of world.broker.topicData<StoredMessage>(SendTarget.output).records) {
    for (const record of log) out.push(JSON.parse(Buffer.from(record.value!.v!, "latin1").toString("utf8")));
  }
  return out;
}

describe("a service module with state built at import time", () => {
  it("gets its own module state in each of 3 instances and in each life after a restart", async () => {
    const [scenario] = await loadScenarioFile(fixture);
    const world = new World(scenario.world, { seed: 3, idempotentProducer: true, cleanerChancePerFetch: 0 });
    let index = 0;
    const play = (intent: Parameters<typeof interpret>[1]) => interpret(world, intent, index++);
    for (let key = 0; key < 6; key++) play({ k: "produce", producer: 0, key, draw: 1 });
    for (let round = 0; round < 60; round++) {
      for (const host of world.hosts) host.step();
      world.clock.advance(1);
    }
    const firstLives = outputs(world);
    // Every instance's module counted only its own inputs: each evaluation's counts are 1..n.
    const byEvaluation = new Map<string, number[]>();
    for (const o of firstLives) byEvaluation.set(o.evaluation, [...(byEvaluation.get(o.evaluation) ?? []), o.handled]);
    expect(byEvaluation.size).toBeGreaterThanOrEqual(2);
    for (const counts of byEvaluation.values()) expect([...counts].sort((a, b) => a - b)).toEqual(counts.map((_, i) => i + 1));

    play({ k: "crash", instance: 0 });
    play({ k: "restart", instance: 0 });
    for (let key = 0; key < 6; key++) play({ k: "produce", producer: 0, key, draw: 2 });
    heal(world);
    expect(drain(world).converged).toBe(true);
    const all = outputs(world);
    const evaluations = new Set(all.map((o) => o.evaluation));
    // The restarted instance is a new evaluation, whose count starts again at 1.
    expect(evaluations.size).toBeGreaterThan(byEvaluation.size);
    const later = all.filter((o) => !byEvaluation.has(o.evaluation));
    expect(later.length).toBeGreaterThan(0);
    expect(Math.min(...later.map((o) => o.handled))).toBe(1);
  });
});
