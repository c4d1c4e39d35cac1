// The watchdog on the hot path: a chunk runs under one watchdog, and one that outlives it is
// run again with a watchdog per schedule, which tells a stuck schedule (named, exit 2, not
// shrunk) from a chunk that is only slow (counted as usual).
import { describe, expect, it } from "vitest";
import { defineProcessor, defineScenario, runScenario, validateScenario } from "../../src/index.ts";

/** Busy-wait `ms` of real time (a slow but finite processor). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* spins */
  }
}

function scenarioWith(process: (n: number) => void, budgetMs: number, runs: number) {
  const processor = defineProcessor<number, { n: number }, never>({
    name: "probe",
    makeEvent: (keyIndex, draw) => ({ key: `k${keyIndex}`, payload: { n: draw } }),
    process(state, event) {
      process(event.payload.n);
      return { writes: [{ key: event.key, value: (state.get(event.key) ?? 0) + 1 }] };
    },
  });
  const definition = defineScenario({ name: "stuck-probe", description: "watchdog probe", processor, faults: [], topology: { partitions: 1, instances: 1, producers: 1, keys: 2 }, workload: { events: { min: 1, max: 3 } }, intents: { min: 1, max: 4 }, budgetMs, runs });
  return validateScenario(definition, null);
}

describe("a stuck processor", () => {
  it("is stopped after its budget and named with its input; the run stops there, unshrunk", () => {
    const scenario = scenarioWith((n) => {
      while (n > 900) {
        /* never returns */
      }
    }, 200, 300);
    const started = performance.now();
    const result = runScenario(scenario, { seed: 7 });
    expect(result.error?.kind).toBe("processor");
    expect(result.error?.message).toMatch(/^processor "probe" did not return within 200 ms on input p0-\d+ \(key k\d\)/);
    // Two passes over the stuck chunk (one watchdog for the chunk, one for the schedule), no shrinking.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a chunk that is only slow outlives the chunk's watchdog but passes, every schedule counted", () => {
    // Each schedule takes a few ms, a chunk of 100 far more than the 150 ms budget.
    const scenario = scenarioWith(() => busy(1), 150, 120);
    const result = runScenario(scenario, { seed: 3 });
    expect(result.error).toBeNull();
    expect(result.failure).toBeNull();
    expect(result.runs).toBe(120);
  });
});
