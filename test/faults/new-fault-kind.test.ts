// Adding a fault kind is its module plus one registry entry. This file proves it: the mock
// below is exactly the registry edit (one more entry, a place in the heal order), and the
// toy module it adds is built here from the public pieces a module is made of. Everything
// else (FaultKind at runtime, scenario validation, generation, repro files, interpretation,
// healing, coverage, required coverage) picks the new kind up from the registry.
import fc from "fast-check";
import { Schema } from "effect";
import { describe, expect, it, vi } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { healFaults } from "../../src/faults/catalogue.ts";
import { type FaultKind, faultDescriptions, faultKinds } from "../../src/faults/fault-kind.ts";
import { faultModules } from "../../src/faults/registry.ts";
import { bankLedger, defineScenario, describeIntent, type Intent, runSchedule, runScenario, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { coverageText } from "../../src/report/coverage-text.ts";
import { IntentSchema } from "../../src/schedule/intent-schema.ts";
import { intentCodes } from "../../src/schedule/intent.ts";
import { ledgerConfig, newWorld, produce, recordsOf } from "../helpers/world.ts";

vi.mock("../../src/faults/registry.ts", async (importOriginal) => {
  const registry = await importOriginal<typeof import("../../src/faults/registry.ts")>();
  const { defineIntent, field } = await import("../../src/faults/fault-intent.ts");
  const { defineFault } = await import("../../src/faults/fault-module.ts");
  const { sendTargetNames } = await import("../../src/faults/network.ts");
  const { retryOldestDraw } = await import("../../src/faults/retry-draw.ts");
  const { SendOutcome } = await import("../../src/broker/send-outcome.ts");
  const { Op } = await import("../../src/core/history.ts");
  // The toy kind: a burst of lost ACKs on one sender kind.
  const loseBurst = defineIntent({
    k: "lose-burst",
    code: 900,
    fields: { target: field.target, count: field.int(2, 3) },
    describe: (intent) => `lose the ACKs of the next ${intent.count} ${sendTargetNames[intent.target]} sends`,
    apply(world, intent) {
      for (let i = 0; i < intent.count; i++) world.network.arm(intent.target, SendOutcome.ackLost);
      return true;
    },
  });
  const burstLoss = defineFault({
    kind: "burst-loss",
    description: "several sends in a row lose their ACKs",
    intents: [loseBurst],
    draws: [loseBurst, retryOldestDraw],
    heal: (world) => world.network.disarm(SendOutcome.ackLost),
    coverage: {
      ops: [Op.lost],
      bit() {
        let lost = 0;
        return (_op, _target, outcome) => (outcome === SendOutcome.ackLost ? ++lost : 0) >= 2;
      },
    },
  });
  return { ...registry, faultModules: { ...registry.faultModules, "burst-loss": burstLoss }, healOrder: [...registry.healOrder, "burst-loss"] };
});

const toy = "burst-loss" as FaultKind;
const burst = (target: 0 | 1 | 2, count: number) => ({ k: "lose-burst", target, count }) as unknown as Intent;

describe("a new fault kind from its module and one registry entry", () => {
  it("is a fault kind: listed last, described, accepted by scenarios", () => {
    expect(faultKinds.at(-1)).toBe(toy);
    expect(faultDescriptions[toy]).toBe("several sends in a row lose their ACKs");
    expect(intentCodes["lose-burst" as keyof typeof intentCodes]).toBe(900);
    const scenario = validateScenario(defineScenario({ name: "toy", description: "d", processor: bankLedger, faults: [toy], requiredCoverage: ["fault:burst-loss"] }), "toy.scenario.ts");
    expect(scenario.shape.faults).toEqual([toy]);
  });

  it("is generated, read back from repro files and described", () => {
    const scenario = validateScenario(defineScenario({ name: "toy", description: "d", processor: bankLedger, faults: [toy], faultWeights: { [toy]: 3 } }), null);
    const intents = fc.sample(scheduleArbitrary(scenario.shape), { seed: 1, numRuns: 30 }).flatMap((s) => [...s.intents]);
    const bursts = intents.filter((i) => i.k === ("lose-burst" as string)) as unknown as { target: number; count: number }[];
    expect(bursts.length).toBeGreaterThan(10);
    expect(bursts.every((b) => b.count >= 2 && b.count <= 3 && b.target >= 0 && b.target <= 2)).toBe(true);
    expect(intents.some((i) => i.k === "retry" && i.index === 0)).toBe(true);
    const decode = Schema.decodeUnknownSync(IntentSchema);
    expect(decode({ k: "lose-burst", target: 1, count: 2 })).toEqual({ k: "lose-burst", target: 1, count: 2 });
    expect(() => decode({ k: "lose-burst", target: 4, count: 2 })).toThrow();
    expect(describeIntent(burst(1, 3))).toBe("lose the ACKs of the next 3 changelog sends");
  });

  it("applies in a schedule, heals, and is counted as coverage", () => {
    const view = runSchedule(ledgerConfig(), { seed: 1, faultMix: {}, intents: [burst(0, 3), { k: "produce", producer: 0, key: 0, draw: 1 }, { k: "retry", producer: 0, index: 0 }] });
    expect(recordsOf(view.history, Op.intent)[0]).toEqual([0, 900, 1]);
    expect(recordsOf(view.history, Op.lost)).toEqual([[SendTarget.input, SendOutcome.ackLost, 0], [SendTarget.input, SendOutcome.ackLost, 0]]);
    expect(view.drain.converged).toBe(true); // the third lost ACK was healed away

    const world = newWorld();
    world.network.arm(SendTarget.input, SendOutcome.ackLost);
    healFaults(world);
    produce(world, 0, 1);
    expect(world.producers[0].pending).toHaveLength(0);
    expect(faultModules[toy].heal).toBeDefined();

    const scenario = validateScenario(defineScenario({ name: "toy", description: "d", processor: bankLedger, faults: [toy], requiredCoverage: ["fault:burst-loss"] }), null);
    const result = runScenario(scenario, { seed: 2, runs: 40 });
    expect(result.failure).toBeNull();
    expect(result.coverage.counts.get("fault:burst-loss")).toBeGreaterThan(0);
    expect(result.coverageMissing).toEqual([]);
    expect(coverageText(result.coverage)).toContain("burst-loss ");
  });
});
