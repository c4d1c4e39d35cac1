// Schedule lines speak the user's domain: each produce intent reads as the event the
// scenario's processor built for it (kind, key, compact payload), built as the simulation
// builds it (key index wrapped, event time counting the events created), so the line shows
// what ran.
import { describe, expect, it } from "vitest";
import { anomalyLines, scheduleLines } from "../../src/report/failure-text.ts";
import { compactPayload, producedEvents } from "../../src/schedule/describe-intent.ts";
import { bankLedger, defineProcessor, defineScenario, type Intent, runSchedule, validateScenario } from "../../src/index.ts";

/** A shopping cart: items are added, and a checkout empties the cart. */
const carts = defineProcessor<number, { cart: string; item?: string; at?: number }, never>({
  name: "carts",
  eventKinds: ["add", "checkout"],
  makeEvent(keyIndex, draw, eventTime, kind) {
    const cart = `cart-${keyIndex}`;
    return { key: cart, payload: kind === "checkout" ? { cart } : { cart, item: `sku-${draw}`, at: eventTime } };
  },
  process(state, event) {
    return { writes: [{ key: event.key, value: event.payload.item === undefined ? null : (state.get(event.key) ?? 0) + 1 }] };
  },
});

describe("scheduleLines", () => {
  const intents: Intent[] = [
    { k: "produce", producer: 0, key: 2, draw: 7, kind: 0 },
    { k: "crash", instance: 1 },
    { k: "produce", producer: 1, key: 8, draw: 3, kind: 0 },
    { k: "produce", producer: 0, key: 2, draw: 0, kind: 1 },
  ];

  it("shows each produce intent as the event the processor built, keys wrapped and event times counted", () => {
    expect(scheduleLines(intents, undefined, { processor: carts, keys: 6 })).toEqual([
      '  1. produce add cart-2 {"cart":"cart-2","item":"sku-7","at":0} (producer 0)',
      "  2. crash instance 1",
      '  3. produce add cart-2 {"cart":"cart-2","item":"sku-3","at":1} (producer 1)',
      '  4. produce checkout cart-2 {"cart":"cart-2"} (producer 0)',
    ]);
  });

  it("builds the same events the simulation produced", () => {
    const scenario = validateScenario(defineScenario({ name: "carts", description: "d", processor: carts, topology: { keys: 6 }, schedule: { intents } }), null);
    const view = runSchedule(scenario.world, { seed: 0, faultMix: {}, intents });
    const produced = view.inputArchive.flat().map((record) => JSON.stringify(record.value?.payload)).sort();
    const described = producedEvents(intents, scenario.world).flatMap((event) => (event === undefined ? [] : [JSON.stringify(event.payload)])).sort();
    expect(described).toEqual(produced);
  });

  it("names the kind the payload carries when the intent names none", () => {
    const [line] = scheduleLines([{ k: "produce", producer: 0, key: 1, draw: 3 }], undefined, { processor: bankLedger, keys: 6 });
    expect(line).toBe('  1. produce withdraw acct-1 {"account":"acct-1","kind":"withdraw","amount":4} (producer 0)');
  });

  it("falls back to the intent's numbers without a processor, or when makeEvent throws", () => {
    const throwing = { ...carts, makeEvent: () => { throw new Error("no"); } };
    const intent: Intent = { k: "produce", producer: 1, key: 2, draw: 3, kind: 1 };
    expect(scheduleLines([intent])).toEqual(["  1. produce producer 1 key 2 draw 3 kind 1"]);
    expect(scheduleLines([intent], undefined, { processor: throwing, keys: 6 })).toEqual(["  1. produce producer 1 key 2 draw 3 kind 1"]);
  });
});

describe("compactPayload", () => {
  it("is one line of JSON, cut after 80 characters", () => {
    expect(compactPayload({ a: [1, "x"], b: null })).toBe('{"a":[1,"x"],"b":null}');
    const long = compactPayload({ text: "y".repeat(200) });
    expect(long).toHaveLength(80);
    expect(long.endsWith("...")).toBe(true);
  });
});

describe("anomalyLines", () => {
  it("reads checker summaries as well as verdicts (a merged JSON report's)", () => {
    const checkers = [
      { checker: "exactly-once-state", valid: false as const, anomalies: [{ kind: "state-divergence", detail: "key cart-2: expected null, got 1" }] },
      { checker: "liveness", valid: true as const, anomalies: [] },
    ];
    expect(anomalyLines({ verdicts: checkers })).toEqual(["exactly-once-state: FAILED", "  state-divergence: key cart-2: expected null, got 1"]);
  });
});
