// A scenario's own invariants: the read-only view they judge, how their anomalies become a
// checker's, a throwing one giving "unknown", their validation, and service scenarios.
import { describe, expect, it } from "vitest";
import { invariantChecker, invariantViewOf } from "../../src/check/invariant.ts";
import { BadInputError, bankLedger, faultKinds, type FaultMix, checkContextOf, defineInvariant, defineScenario, judgeSchedule, type Invariant, type InvariantView, validateScenario } from "../../src/index.ts";
import type { Intent } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";
import cartScenario, { checkoutDeletesCart } from "../fixtures/cart-checkout.scenario.ts";

const base = { name: "with-invariants", description: "d", processor: bankLedger, topology: { partitions: 2, instances: 1, producers: 1, keys: 2 }, faults: [] };

const faultMix = Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as FaultMix;

/** Two deposits to key 0 and one withdrawal from key 1, each produced once, no faults. */
const intents = [
  { k: "produce", producer: 0, key: 0, draw: 10 },
  { k: "produce", producer: 0, key: 0, draw: 20 },
  { k: "produce", producer: 0, key: 1, draw: 30 },
] as unknown as Intent[];

function captured(): { invariant: Invariant; views: InvariantView[] } {
  const views: InvariantView[] = [];
  return { views, invariant: { name: "capture", check: (run) => (views.push(run), []) } };
}

describe("the invariant view", () => {
  it("holds each partition's final state, unique inputs in order and outputs, as the model sees them", () => {
    const { invariant, views } = captured();
    const scenario = validateScenario(defineScenario({ ...base, invariants: [invariant] }), null);
    const { view, verdict } = judgeSchedule(scenario, { seed: 1, faultMix, intents });
    expect(verdict.ok).toBe(true);
    const [run] = views;
    expect(run.partitions.map((p) => p.partition)).toEqual([0, 1]);
    const context = checkContextOf(view);
    for (const p of run.partitions) {
      const model = context.model.partitions[p.partition];
      expect(p.state).not.toBeNull();
      expect(new Map(p.state!)).toEqual(model.state);
      expect(p.inputs.map((i) => [i.dedupeId, i.offset])).toEqual([...model.applied]);
      for (const input of p.inputs) expect(input.payload).toEqual(view.inputArchive[p.partition][input.offset].value!.payload);
      expect(p.outputs.map((o) => o.offset)).toEqual([...p.outputs.map((o) => o.offset)].sort((a, b) => a - b));
      for (const o of p.outputs) expect(context.model.outputs.get(o.cause)).toEqual(o.payload);
    }
    expect(run.partitions.flatMap((p) => p.inputs)).toHaveLength(3);
    expect(run.partitions.flatMap((p) => p.outputs)).toHaveLength(context.model.outputs.size);
  });

  it("is a frozen copy: an invariant cannot change the run or what another invariant sees", () => {
    const { invariant, views } = captured();
    const scenario = validateScenario(defineScenario({ ...base, invariants: [invariant] }), null);
    const { view } = judgeSchedule(scenario, { seed: 1, faultMix, intents });
    const run = views[0];
    const withState = run.partitions.find((p) => p.state !== null && p.state.size > 0)!;
    const [key] = [...withState.state!.keys()];
    expect(() => (withState.state as Map<string, unknown>).set(key, 0)).toThrowError(/read-only/);
    expect(() => (withState.state as Map<string, unknown>).delete(key)).toThrowError(/read-only/);
    expect(() => (run.partitions as unknown[]).push(1)).toThrowError(TypeError);
    expect(() => ((withState.inputs[0] as { key: string }).key = "x")).toThrowError(TypeError);
    const second = invariantViewOf(view, checkContextOf(view));
    expect(second).not.toBe(run);
    expect(second.partitions[withState.partition].state).not.toBe(withState.state);
    expect(view.liveStores[withState.partition]!.state.get(key)).toEqual(withState.state!.get(key));
  });
});

describe("an invariant as a checker", () => {
  it("is a safety checker named after it; its anomalies keep detail, partition, key and dedupe ID", () => {
    const checker = invariantChecker(defineInvariant({
      name: "always-wrong",
      check: () => [{ detail: "nope", partition: 1, key: "k", dedupeId: "d-1" }, { detail: "plain" }],
    }));
    expect(checker).toMatchObject({ name: "always-wrong", class: "safety" });
    const scenario = validateScenario(defineScenario({ ...base, invariants: [{ name: "always-wrong", check: () => [{ detail: "nope", partition: 1, key: "k", dedupeId: "d-1" }, { detail: "plain" }] }] }), null);
    const { verdict } = judgeSchedule(scenario, { seed: 1, faultMix, intents });
    expect(verdict.failure).toBe("safety");
    expect(verdict.verdicts.at(-1)).toEqual({
      checker: "always-wrong",
      valid: false,
      anomalies: [{ kind: "always-wrong", partition: 1, key: "k", dedupeId: "d-1", detail: "nope" }, { kind: "always-wrong", detail: "plain" }],
      // what it judged: the partitions handed to the rule
      evidence: { partitions: 2 },
    });
  });

  it("runs after the built-in checkers, whatever `checkers` selects", () => {
    const scenario = validateScenario(defineScenario({ ...base, checkers: ["liveness"], invariants: [checkoutDeletesCart as Invariant] }), null);
    expect(scenario.checkers.map((c) => c.name)).toEqual(["liveness", "checkout-deletes-cart"]);
  });

  it.each([
    ["throws", () => { throw new Error("audit service unavailable"); }, "checker balance-audit threw: audit service unavailable"],
    ["returns no array", () => undefined, "checker balance-audit threw: invariant balance-audit must return an array of anomalies, got undefined"],
    ["returns an anomaly without detail", () => [{ partition: 0 }], "checker balance-audit threw: invariant balance-audit returned an anomaly without a detail text (at index 0)"],
  ])("that %s yields unknown, never a pass, with a message naming it", (_, check, message) => {
    const scenario = validateScenario(defineScenario({ ...base, invariants: [{ name: "balance-audit", check: check as unknown as Invariant["check"] }] }), null);
    const { verdict } = judgeSchedule(scenario, { seed: 1, faultMix, intents });
    expect(verdict.ok).toBe(false);
    expect(verdict.failure).toBe("unknown");
    expect(verdict.verdicts.at(-1)).toEqual({ checker: "balance-audit", valid: "unknown", anomalies: [{ kind: "checker-error", detail: message }], evidence: { partitions: 2 } });
  });

  it("finds the cart fixture's broken checkout from one produce", () => {
    const scenario = validateScenario(cartScenario, null);
    const checkout = [{ k: "produce", producer: 0, key: 2, draw: 0 }] as unknown as Intent[];
    const { verdict } = judgeSchedule(scenario, { seed: 1, faultMix, intents: checkout });
    expect(verdict.failure).toBe("safety");
    expect(verdict.verdicts.filter((v) => v.valid !== true).map((v) => v.checker)).toEqual(["checkout-deletes-cart"]);
    expect(verdict.verdicts.at(-1)!.anomalies[0]).toMatchObject({ kind: "checkout-deletes-cart", key: "cart-2", detail: 'cart-2 still exists after its checkout (offset 0): {"items":0,"status":"ordered"}' });
  });
});

describe("validation of invariants", () => {
  const check = () => [];
  it.each([
    [[{ name: "Bad Name", check }], "invariants[0].name must be lowercase letters, digits and dashes"],
    [[{ name: "ok" }], "invariants[0].check is required"],
    [[{ name: "ok", check: 3 }], "invariants[0].check must be a function (run) => anomalies, got 3"],
    [[{ name: "ok", check, extra: 1 }], "invariants[0].extra is not a known field"],
    [[{ name: "a", check }, { name: "a", check }], "invariants[1].name must be unique among the scenario's invariants"],
    [[{ name: "liveness", check }], "invariants[0].name must differ from the built-in checkers' names (exactly-once-state, "],
    [{ name: "a", check }, "invariants must be"],
  ])("rejects %j", (invariants, message) => {
    const value = { ...defineScenario(base), invariants };
    expect(() => validateScenario(value, "scenarios/x.scenario.ts")).toThrowError(BadInputError);
    expect(() => validateScenario(value, "scenarios/x.scenario.ts")).toThrowError(`scenarios/x.scenario.ts: ${message}`);
  });

  it("accepts a description", () => {
    const scenario = validateScenario(defineScenario({ ...base, invariants: [{ name: "ok", description: "a rule", check }] }), null);
    expect(scenario.checkers.at(-1)!.name).toBe("ok");
  });
});

describe("invariants of a service scenario", () => {
  it("are appended to the service's checkers", async () => {
    const service = await builtInScenario("ledger-service");
    const scenario = validateScenario({ ...service.definition, invariants: [{ name: "no-negative-balance", check: () => [] }] }, service.file);
    expect(scenario.checkers.map((c) => c.name)).toEqual([...service.checkers.map((c) => c.name), "no-negative-balance"]);
  });
});
