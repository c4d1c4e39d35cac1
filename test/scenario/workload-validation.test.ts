// The `workload` option is validated on load like every other field: a bad value stops the
// run with one line naming the file, the field and the rule; a good one fills its defaults.
import { describe, expect, it } from "vitest";
import { BadInputError, bankLedger, defineProcessor, defineScenario, validateScenario } from "../../src/index.ts";

const base = defineScenario({ name: "workload", description: "d", processor: bankLedger });
const noKinds = defineProcessor({ name: "no-kinds", makeEvent: (keyIndex: number) => ({ key: `k${keyIndex}`, payload: 0 }), process: () => ({}) });

const load = (patch: Record<string, unknown>) => validateScenario({ ...base, ...patch }, "scenarios/w.scenario.ts");

describe("workload validation", () => {
  it.each([
    [{ workload: { keys: 0 } }, "workload.keys must be an integer from 1 to 1000, got 0"],
    [{ workload: { keys: 5 }, topology: { keys: 4 } }, "workload.keys must equal topology.keys (4) when both are set, got 5"],
    [{ workload: { events: { min: -1 } } }, "workload.events.min must be an integer from 0 to 1000, got -1"],
    [{ workload: { events: { max: 1001 } } }, "workload.events.max must be an integer from 0 to 1000, got 1001"],
    [{ workload: { events: { min: 2.5 } } }, "workload.events.min must be an integer from 0 to 1000, got 2.5"],
    [{ workload: { events: { min: 9, max: 5 } } }, "workload.events.max must be equal or greater than workload.events.min (9), got 5"],
    [{ workload: { events: { mx: 3 } } }, "workload.events.mx is not a known field"],
    [{ workload: { mix: { depositt: 3 } } }, `workload.mix names an event kind bank-ledger does not have: "depositt" (its kinds: deposit, withdraw), got {"depositt":3}`],
    [{ workload: { mix: { deposit: 101 } } }, "workload.mix.deposit must be an integer from 0 to 100, got 101"],
    [{ workload: { mix: { withdraw: -1 } } }, "workload.mix.withdraw must be an integer from 0 to 100, got -1"],
    [{ workload: { mix: { deposit: 0, withdraw: 0 } } }, 'workload.mix must give at least one event kind a weight above 0, got {"deposit":0,"withdraw":0}'],
    [{ workload: { mix: {} } }, "workload.mix must give at least one event kind a weight above 0, got {}"],
    [{ processor: noKinds, workload: { mix: { a: 1 } } }, `workload.mix names an event kind no-kinds does not have: "a" (no-kinds declares no event kinds), got {"a":1}`],
    [{ workload: { surprise: 1 } }, "workload.surprise is not a known field"],
    [{ processor: { ...bankLedger, eventKinds: "deposit" } }, "processor must be a processor"],
  ])("rejects %j", (patch, message) => {
    expect(() => load(patch)).toThrowError(BadInputError);
    expect(() => load(patch)).toThrowError(`scenarios/w.scenario.ts: ${message}`);
  });

  it("takes the keys from workload or topology, and both when they agree", () => {
    expect(load({}).world.keys).toBe(6);
    expect(load({ workload: { keys: 9 } }).world.keys).toBe(9);
    expect(load({ topology: { keys: 9 } }).world.keys).toBe(9);
    const both = load({ topology: { keys: 9 }, workload: { keys: 9 } });
    expect([both.world.keys, both.shape.keys]).toEqual([9, 9]);
  });

  it("fills the events defaults: min 0, max the larger of min and 10", () => {
    expect(load({ workload: { events: {} } }).shape.events).toEqual({ min: 0, max: 10 });
    expect(load({ workload: { events: { min: 25 } } }).shape.events).toEqual({ min: 25, max: 25 });
    expect(load({ workload: { events: { max: 3 } } }).shape.events).toEqual({ min: 0, max: 3 });
    expect(load({ workload: { events: { min: 0, max: 0 } } }).shape.events).toEqual({ min: 0, max: 0 });
  });

  it("turns the mix into weights in the processor's kind order, 0 for kinds not listed", () => {
    expect(load({ workload: { mix: { withdraw: 1 } } }).shape.eventKindWeights).toEqual([0, 1]);
    expect(load({ workload: { mix: { withdraw: 1, deposit: 3 } } }).shape.eventKindWeights).toEqual([3, 1]);
  });

  it("leaves the schedule shape as it was without events or mix", () => {
    for (const workload of [undefined, {}, { keys: 6 }]) {
      const shape = load(workload === undefined ? {} : { workload }).shape;
      expect("events" in shape || "eventKindWeights" in shape).toBe(false);
    }
  });
});
