// Generated schedules under a scenario's `workload`: `events` bounds the produce intents of
// every schedule, `mix` steers their kinds, and shrinking still works on both.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankLedger, defineScenario, type Intent, type Schedule, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { interleave } from "../../src/schedule/workload-arbitrary.ts";

type Options = Parameters<typeof defineScenario>[0];

const shapeOf = (options: Partial<Options>) => validateScenario(defineScenario({ name: "w", description: "d", processor: bankLedger, ...options }), null).shape;
const produces = (schedule: Schedule) => schedule.intents.filter((i): i is Extract<Intent, { k: "produce" }> => i.k === "produce");

describe("workload.events", () => {
  it("every schedule holds between min and max produce intents, the rest bounded by intents", () => {
    const shape = shapeOf({ workload: { events: { min: 3, max: 7 } }, intents: { min: 2, max: 12 } });
    const counts = new Set<number>();
    for (const schedule of fc.sample(scheduleArbitrary(shape), { seed: 4, numRuns: 500 })) {
      const count = produces(schedule).length;
      counts.add(count);
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(7);
      const others = schedule.intents.length - count;
      expect(others).toBeGreaterThanOrEqual(2);
      expect(others).toBeLessThanOrEqual(12);
    }
    expect([...counts].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("a fixed count and zero events both hold", () => {
    for (const [min, max] of [[5, 5], [0, 0]]) {
      const shape = shapeOf({ workload: { events: { min, max } } });
      for (const schedule of fc.sample(scheduleArbitrary(shape), { seed: 9, numRuns: 200 })) expect(produces(schedule).length).toBe(min);
    }
  });

  it("spreads produce intents over the schedule rather than bunching them at one end", () => {
    const shape = shapeOf({ workload: { events: { min: 10, max: 10 } }, intents: { min: 40, max: 40 } });
    let firstHalf = 0;
    for (const schedule of fc.sample(scheduleArbitrary(shape), { seed: 2, numRuns: 200 })) {
      schedule.intents.forEach((intent, i) => { if (intent.k === "produce" && i < schedule.intents.length / 2) firstHalf++; });
    }
    expect(firstHalf / 2000).toBeGreaterThan(0.3);
    expect(firstHalf / 2000).toBeLessThan(0.7);
  });

  it("interleave places each produce intent after the share of other intents its slot names", () => {
    const step = (instance: number): Intent => ({ k: "step", instance, count: 1 });
    const produce = (draw: number): Intent => ({ k: "produce", producer: 0, key: 0, draw });
    const others = [step(0), step(1), step(2)];
    const slots = 1 << 16;
    expect(interleave(others, [[slots - 1, produce(1)], [0, produce(2)], [slots / 2, produce(3)], [0, produce(4)]])).toEqual([
      produce(2), produce(4), step(0), step(1), produce(3), step(2), produce(1),
    ]);
    expect(interleave([], [[123, produce(1)], [0, produce(2)]])).toEqual([produce(1), produce(2)]);
  });

  it("shrinks to the events the failure needs and few others, never below min", () => {
    const shape = shapeOf({ workload: { events: { min: 2, max: 30 }, mix: { deposit: 1, withdraw: 1 } }, intents: { min: 0, max: 30 } });
    const withdrawals = (s: Schedule) => produces(s).filter((p) => p.kind === 1).length;
    const run = fc.check(fc.property(scheduleArbitrary(shape), (s) => withdrawals(s) < 3), { seed: 11 });
    expect(run.failed).toBe(true);
    const [shrunk] = run.counterexample!;
    expect(withdrawals(shrunk)).toBe(3);
    expect(shrunk.intents.every((i) => i.k === "produce")).toBe(true);
    // fast-check shrinks one value at a time and may keep a deposit or two it cannot drop
    // alone (3 to 5 intents over seeds 1-20): what matters is that the other intents go.
    expect(shrunk.intents.length).toBeLessThanOrEqual(5);
    const none = fc.check(fc.property(scheduleArbitrary(shape), (s) => produces(s).length === 0), { seed: 11 });
    expect(none.counterexample![0].intents).toHaveLength(2);
  });
});

describe("workload.mix", () => {
  it("produce intents carry no kind without a mix", () => {
    for (const schedule of fc.sample(scheduleArbitrary(shapeOf({ workload: { events: { min: 5 } } })), { seed: 3, numRuns: 100 })) {
      for (const p of produces(schedule)) expect(p.kind).toBeUndefined();
    }
  });

  it("never draws a kind of weight 0", () => {
    const shape = shapeOf({ workload: { mix: { withdraw: 1, deposit: 0 } } });
    const kinds = fc.sample(scheduleArbitrary(shape), { seed: 5, numRuns: 300 }).flatMap((s) => produces(s).map((p) => p.kind));
    expect(kinds.length).toBeGreaterThan(100);
    expect(new Set(kinds)).toEqual(new Set([1]));
  });

  it("draws kinds in proportion to their weights", () => {
    const shape = shapeOf({ workload: { mix: { deposit: 3, withdraw: 1 }, events: { min: 20, max: 20 } } });
    const kinds = fc.sample(scheduleArbitrary(shape), { seed: 6, numRuns: 200 }).flatMap((s) => produces(s).map((p) => p.kind));
    const deposits = kinds.filter((k) => k === 0).length / kinds.length;
    expect(deposits).toBeGreaterThan(0.65);
    expect(deposits).toBeLessThan(0.85);
  });

  it("shrinks a kind toward the first kind that has a weight", () => {
    const shape = shapeOf({ workload: { mix: { deposit: 1, withdraw: 9 } }, intents: { min: 0, max: 30 } });
    const run = fc.check(fc.property(scheduleArbitrary(shape), (s) => produces(s).length === 0), { seed: 8 });
    expect(run.counterexample![0].intents).toEqual([{ k: "produce", producer: 0, key: 0, draw: 0, kind: 0 }]);
  });
});

describe("identical events on purpose", () => {
  const equalEvents = (s: Schedule, deposits = false) => {
    const seen = new Set<string>();
    for (const p of produces(s)) {
      const event = bankLedger.makeEvent(p.key, p.draw, 0);
      if (deposits && event.payload.kind !== "deposit") continue;
      const content = JSON.stringify(event);
      if (seen.has(content)) return true;
      seen.add(content);
    }
    return false;
  };

  it("about one draw in three comes from 0-2, and the rest still spread over 0-999", () => {
    const shape = shapeOf({ workload: { events: { min: 20, max: 20 } } });
    const draws = fc.sample(scheduleArbitrary(shape), { seed: 12, numRuns: 200 }).flatMap((s) => produces(s).map((p) => p.draw));
    const tiny = draws.filter((d) => d <= 2).length / draws.length;
    expect(tiny).toBeGreaterThan(0.3);
    expect(tiny).toBeLessThan(0.45);
    expect(Math.max(...draws)).toBe(999);
    const spread = draws.filter((d) => d > 2);
    for (let tenth = 0; tenth < 10; tenth++) expect(spread.filter((d) => Math.floor(d / 100) === tenth).length / spread.length).toBeGreaterThan(0.05);
  });

  it("so two equal events on one key are common, not rare", () => {
    const shape = shapeOf({ workload: { events: { min: 10, max: 10 } } });
    const schedules = fc.sample(scheduleArbitrary(shape), { seed: 13, numRuns: 500 });
    expect(schedules.filter((s) => equalEvents(s)).length / schedules.length).toBeGreaterThan(0.25);
  });

  it("a failure that needs two equal deposits shrinks to those two events", () => {
    const shape = shapeOf({ intents: { min: 0, max: 40 } });
    const run = fc.check(fc.property(scheduleArbitrary(shape), (s) => !equalEvents(s, true)), { seed: 1, numRuns: 2000 });
    expect(run.failed).toBe(true);
    // fast-check shrinks one value at a time, and moving either event's key or draw alone makes
    // them differ: an equal pair keeps its key and its content (two draws can build one event).
    const shrunk = run.counterexample![0];
    expect(shrunk.intents).toHaveLength(2);
    expect(produces(shrunk)).toHaveLength(2);
    expect(equalEvents(shrunk, true)).toBe(true);
  });
});
