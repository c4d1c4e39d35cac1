// Seeds, repro files and the planted-bug figures in the README all depend on the schedules a
// seed generates and the events a draw builds. These digests pin them: a scenario that does
// not set the `workload` option generates exactly what it did before that option existed.
// A change to generation itself (such as aimed crashes, or one draw in three from 0-2 so that
// equal events repeat) changes them on purpose; update them together with the figures the
// README quotes.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankLedger, clickCounter, customerTable, defineScenario, inventory, type Processor, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";

const digest = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

const base = { name: "golden", description: "d", processor: bankLedger };
const tuned = { name: "golden", description: "d", processor: inventory, topology: { keys: 9 }, faultWeights: { crash: 2, "lost-ack": 1 }, intents: { min: 3, max: 30 } };

const samples = (definition: Parameters<typeof defineScenario>[0], seed: number) =>
  fc.sample(scheduleArbitrary(validateScenario(defineScenario(definition), null).shape), { seed, numRuns: 100 });

describe("default generation", () => {
  it("generates the pinned schedules per seed", () => {
    expect(digest(samples(base, 1))).toBe("5559eddee0c4e206");
    expect(digest(samples(tuned, 7))).toBe("2207b8b376fbaeba");
  });

  it("the delayed-reply kind changed no schedule of a world without a database: only its 0 in every mix", () => {
    // The digests from before the kind existed, of the same samples with its key removed.
    const before = (definition: Parameters<typeof defineScenario>[0], seed: number) =>
      samples(definition, seed).map((s) => {
        const { "delayed-reply": weight, ...mix } = s.faultMix;
        expect(weight).toBe(0);
        return { ...s, faultMix: mix };
      });
    expect(digest(before(base, 1))).toBe("c71821e4a1a34269");
    expect(digest(before(tuned, 7))).toBe("04e6c82c96da8d06");
  });

  it("a workload with neither events nor mix generates those same schedules", () => {
    const { topology: _keys, ...untuned } = tuned;
    expect(digest(samples({ ...base, workload: {} }, 1))).toBe("5559eddee0c4e206");
    expect(digest(samples({ ...base, workload: { keys: 6 } }, 1))).toBe("5559eddee0c4e206");
    expect(digest(samples({ ...untuned, workload: { keys: 9 } }, 7))).toBe("2207b8b376fbaeba");
    expect(digest(samples({ ...tuned, workload: { keys: 9 } }, 7))).toBe("2207b8b376fbaeba");
    expect(samples({ ...base, workload: {} }, 42)).toEqual(samples(base, 42));
  });

  it("events or mix do change what a seed generates (the digests above would notice)", () => {
    expect(digest(samples({ ...base, workload: { events: {} } }, 1))).not.toBe("5559eddee0c4e206");
    expect(digest(samples({ ...base, workload: { mix: { deposit: 2, withdraw: 1 } } }, 1))).not.toBe("5559eddee0c4e206");
  });

  it.each([
    ["bankLedger", bankLedger, "96614fd9f6608e0c"],
    ["inventory", inventory, "597ece3d3d91f4d5"],
    ["clickCounter", clickCounter, "ae332266142cf102"],
    ["customerTable", customerTable, "e8e92c3ce202c23a"],
  ])("%s builds the same events from the same numbers when no kind is asked for", (_name, processor, expected) => {
    const events = [];
    for (let keyIndex = 0; keyIndex < 6; keyIndex++) for (let draw = 0; draw < 1000; draw++) events.push((processor as Processor).makeEvent(keyIndex, draw, draw));
    expect(digest(events)).toBe(expected);
  });
});
