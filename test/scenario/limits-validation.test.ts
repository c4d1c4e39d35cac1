// The maxima of core/limits.ts are what validation accepts: a scenario one past a limit is
// rejected with one line naming the field, one at the limit loads. A `{ min, max }` range
// with min above max is rejected too, instead of being silently clamped.
import { describe, expect, it } from "vitest";
import { limits } from "../../src/core/limits.ts";
import { BadInputError, bankLedger, defineScenario, validateScenario } from "../../src/index.ts";

const base = defineScenario({ name: "limits", description: "d", processor: bankLedger });
const load = (patch: Record<string, unknown>) => validateScenario({ ...base, ...patch }, "scenarios/l.scenario.ts");
const ticks = (n: number) => Array.from({ length: n }, () => ({ k: "tick", ticks: 1 }));

function expectRejected(patch: Record<string, unknown>, message: string): void {
  expect(() => load(patch)).toThrowError(BadInputError);
  expect(() => load(patch)).toThrowError(new RegExp(`^scenarios/l\\.scenario\\.ts: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

describe("limits", () => {
  it.each([
    ["partitions", limits.partitionCountMax],
    ["instances", limits.instanceCountMax],
    ["producers", limits.producerCountMax],
  ])("topology.%s is at most its limit (%i)", (field, max) => {
    expect(load({ topology: { [field]: max } }).world[field as "partitions"]).toBe(max);
    expectRejected({ topology: { [field]: max + 1 } }, `topology.${field} must be an integer from 1 to ${max}, got ${max + 1}`);
  });

  it("intents per schedule are at most intentCountMax", () => {
    const max = limits.intentCountMax;
    expect(load({ intents: { min: max, max } }).shape).toMatchObject({ minIntents: max, maxIntents: max });
    expectRejected({ intents: { max: max + 1 } }, `intents.max must be an integer from 1 to ${max}, got ${max + 1}`);
    expectRejected({ intents: { min: max + 1 } }, `intents.min must be an integer from 0 to ${max}, got ${max + 1}`);
  });

  it("a fixed schedule holds at most intentCountMax intents", () => {
    expect(load({ schedule: { intents: ticks(limits.intentCountMax) } }).shape.fixed?.intents).toHaveLength(limits.intentCountMax);
    expect(() => load({ schedule: { intents: ticks(limits.intentCountMax + 1) } })).toThrowError(
      new RegExp(`^scenarios/l\\.scenario\\.ts: schedule\\.intents must hold at most ${limits.intentCountMax} intents, got \\[`),
    );
  });

  it("intents and workload.events together stay within intentCountMax", () => {
    const max = limits.intentCountMax;
    expect(load({ intents: { max: max - 100 }, workload: { events: { max: 100 } } }).shape).toMatchObject({ maxIntents: max - 100, events: { max: 100 } });
    const rule = `(a schedule holds at most ${max} intents)`;
    expectRejected({ intents: { max: max - 100 }, workload: { events: { max: 101 } } }, `workload.events.max must be at most 100 with intents.max ${max - 100} ${rule}, got 101`);
    expectRejected({ intents: { max: max - 100 }, workload: { events: { min: 101 } } }, `workload.events.min must be at most 100 with intents.max ${max - 100} ${rule}, got 101`);
    expectRejected({ intents: { max }, workload: { events: {} } }, `intents.max must be at most ${max - 10} with workload.events.max 10 ${rule}, got ${max}`);
    expectRejected({ intents: { min: max }, workload: { events: {} } }, `intents.min must be at most ${max - 10} with workload.events.max 10 ${rule}, got ${max}`);
    expectRejected({ intents: { max: max - 5 }, workload: { events: { min: 3 } } }, `intents.max must be at most ${max - 10} with workload.events.max 10 ${rule}, got ${max - 5}`);
  });
});

describe("min above max", () => {
  it.each([
    [{ intents: { min: 10, max: 2 } }, "intents.max must be equal or greater than intents.min (10), got 2"],
    [{ intents: { max: 5 } }, "intents.max must be equal or greater than intents.min (10, its default), got 5"],
    [{ workload: { events: { min: 10, max: 2 } } }, "workload.events.max must be equal or greater than workload.events.min (10), got 2"],
  ])("rejects %j", (patch, message) => expectRejected(patch, message));

  it("accepts min equal to max, and a max that follows a larger min", () => {
    expect(load({ intents: { min: 5, max: 5 } }).shape).toMatchObject({ minIntents: 5, maxIntents: 5 });
    expect(load({ intents: { min: 100 } }).shape).toMatchObject({ minIntents: 100, maxIntents: 100 });
    expect(load({ intents: { max: 10 } }).shape).toMatchObject({ minIntents: 10, maxIntents: 10 });
    expect(load({ workload: { events: { max: 0 } } }).shape.events).toEqual({ min: 0, max: 0 });
  });
});
