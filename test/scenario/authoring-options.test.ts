// Authoring options beyond the basics: fixed fault weights, a fixed regression schedule, a
// per-scenario time limit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankLedger, defineScenario, runScenario, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";

describe("scenario authoring options", () => {
  it("faultWeights fixes the fault mix of every schedule", () => {
    const scenario = validateScenario(defineScenario({ name: "weights", description: "d", processor: bankLedger, faultWeights: { crash: 2, pause: 1 } }), null);
    for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 1, numRuns: 20 })) {
      expect(schedule.faultMix).toMatchObject({ crash: 2, pause: 1, "lost-ack": 0, compaction: 0 });
      expect(schedule.intents.some((i) => i.k === "lost-ack" || i.k === "compact")).toBe(false);
    }
  });

  it("a fixed schedule is a regression scenario: it runs exactly those intents", () => {
    const intents = [{ k: "lost-ack", target: 0 }, { k: "produce", producer: 0, key: 0, draw: 1 }] as const;
    const failing = validateScenario(
      defineScenario({ name: "regression", description: "d", processor: bankLedger, runtime: { dedupe: false }, schedule: { intents, faultMix: { "no-idempotence": 1 } }, expect: "fail" }),
      null,
    );
    expect(failing.runs).toBe(1);
    const result = runScenario(failing, { seed: 1 });
    expect(result.status).toBe("failed");
    expect(result.failure?.schedule.intents).toEqual(intents);
    const fixed = validateScenario(defineScenario({ name: "regression-fixed", description: "d", processor: bankLedger, schedule: { intents, faultMix: { "no-idempotence": 1 } } }), null);
    expect(runScenario(fixed, { seed: 1 }).status).toBe("passed");
  });

  it("rejects a bad intent in a fixed schedule and a bad time limit, naming the field", () => {
    const bad = { ...defineScenario({ name: "x", description: "d", processor: bankLedger }), schedule: { intents: [{ k: "explode" }] } };
    expect(() => validateScenario(bad, "f.ts")).toThrowError(/^f\.ts: schedule\.intents\[0\]/);
    expect(() => validateScenario(defineScenario({ name: "x", description: "d", processor: bankLedger, timeLimitSeconds: 0 }), "f.ts")).toThrowError(
      "f.ts: timeLimitSeconds must be a positive number of seconds, got 0",
    );
  });
});
