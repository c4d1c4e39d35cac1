// The schedules a chunk's first pass draws (`schedule-draw.ts`) must be fast-check's, value for
// value and random number for random number: a failing schedule is regenerated and shrunk by
// fast-check from its path. Compared here on every built-in scenario, every planted bug's
// scenario and shapes that use every option the drawing mirrors, under every bias factor.
import fc from "fast-check";
import { xorshift128plus } from "pure-rand/generator/xorshift128plus";
import { describe, expect, it } from "vitest";
import { bankLedger, defineScenario, findScenarioFiles, inventory, loadScenarios, type Scenario, validateScenario } from "../../src/index.ts";
import { mutants } from "../../src/runtime/mutants.ts";
import { mutantScenario } from "../../src/scenario/mutant-scenario.ts";
import { scheduleArbitrary } from "../../src/schedule/schedule-arbitrary.ts";
import { drawnSchedules, scheduleDraw } from "../../src/schedule/schedule-draw.ts";
import type { ScheduleShape } from "../../src/schedule/schedule-shape.ts";

const builtIn = await loadScenarios(findScenarioFiles("scenarios"));
const defined = (definition: Parameters<typeof defineScenario>[0]): Scenario => validateScenario(defineScenario(definition), null);
const tuned: Scenario[] = [
  defined({ name: "tiny", description: "d", processor: bankLedger, topology: { partitions: 1, instances: 1, producers: 1, keys: 1 }, intents: { min: 0, max: 3 } }),
  defined({ name: "exact-length", description: "d", processor: bankLedger, intents: { min: 7, max: 7 } }),
  defined({ name: "weights", description: "d", processor: inventory, topology: { keys: 9 }, faultWeights: { crash: 2, "lost-ack": 1 }, intents: { min: 3, max: 30 } }),
  defined({ name: "mix", description: "d", processor: inventory, workload: { mix: { reserve: 3, restock: 0, release: 1, discontinue: 2 } }, intents: { min: 10, max: 60 } }),
  defined({ name: "few-faults", description: "d", processor: bankLedger, faults: ["crash", "rebalance"], intents: { min: 50, max: 80 } }),
];
const scenarios = [...builtIn, ...mutants.map(mutantScenario), ...tuned];

/** fast-check's schedule and the drawn one from the same random state, and whether both took the same random numbers. */
function bothFrom(shape: ScheduleShape, seed: number, bias: number | undefined) {
  const draw = scheduleDraw(shape)!;
  const a = new fc.Random(xorshift128plus(seed));
  const b = new fc.Random(xorshift128plus(seed));
  const expected = scheduleArbitrary(shape).generate(a, bias).value;
  const drawn = draw(b, bias);
  return { expected, drawn, nextExpected: a.nextInt(), nextDrawn: b.nextInt() };
}

describe("drawn schedules", () => {
  it("cover shapes with and without a database, aims, mixes and fixed weights", () => {
    const shapes = scenarios.map((s) => s.shape);
    expect(shapes.some((s) => s.database === true)).toBe(true);
    expect(shapes.some((s) => s.crashAims !== undefined)).toBe(true);
    expect(shapes.some((s) => s.eventKindWeights !== undefined)).toBe(true);
    expect(shapes.some((s) => s.faultWeights !== undefined)).toBe(true);
  });

  for (const scenario of scenarios) {
    const draw = scheduleDraw(scenario.shape);
    it.runIf(draw !== null)(`are fast-check's for ${scenario.name}`, () => {
      for (let seed = 0; seed < 40; seed++) {
        for (const bias of [undefined, 2, 3, 5, 50]) {
          const { expected, drawn, nextExpected, nextDrawn } = bothFrom(scenario.shape, seed * 7919 + 1, bias);
          expect(JSON.stringify(drawn)).toBe(JSON.stringify(expected));
          expect(Object.getPrototypeOf(drawn.faultMix)).toBe(Object.getPrototypeOf(expected.faultMix));
          expect(nextDrawn).toBe(nextExpected);
        }
      }
    });
  }

  it("are fast-check's through fast-check's runner, runs numbered as in a long run", () => {
    const shape = mutants.map(mutantScenario)[0].shape;
    const options = { seed: 42, numRuns: 200 };
    expect(JSON.stringify(fc.sample(drawnSchedules(shape)!, options))).toBe(JSON.stringify(fc.sample(scheduleArbitrary(shape), options)));
  });

  it("are not drawn for shapes with a fixed number of events (fast-check draws those)", () => {
    const withEvents = defined({ name: "events", description: "d", processor: bankLedger, workload: { events: { min: 2, max: 5 } } });
    expect(scheduleDraw(withEvents.shape)).toBeNull();
  });
});
