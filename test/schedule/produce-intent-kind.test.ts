// The optional `kind` of a produce intent: accepted where intents cross a boundary (with or
// without it, so older repro files still load), shown in schedule lines, and taken modulo the
// processor's kinds when interpreted, like every other index of an intent.
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { bankLedger, defineScenario, describeIntent, type Intent, type LedgerEvent, runSchedule, validateScenario } from "../../src/index.ts";
import { IntentSchema } from "../../src/schedule/intent-schema.ts";

const decode = Schema.decodeUnknownResult(IntentSchema);

describe("produce intent kind", () => {
  it("is optional in the intent schema and must be an index when given", () => {
    expect(Result.isSuccess(decode({ k: "produce", producer: 0, key: 1, draw: 2 }))).toBe(true);
    expect(Result.isSuccess(decode({ k: "produce", producer: 0, key: 1, draw: 2, kind: 1 }))).toBe(true);
    expect(Result.isFailure(decode({ k: "produce", producer: 0, key: 1, draw: 2, kind: -1 }))).toBe(true);
    expect(Result.isFailure(decode({ k: "produce", producer: 0, key: 1, draw: 2, kind: "withdraw" }))).toBe(true);
  });

  it("shows in schedule lines only when present", () => {
    expect(describeIntent({ k: "produce", producer: 1, key: 2, draw: 3 })).toBe("produce producer 1 key 2 draw 3");
    expect(describeIntent({ k: "produce", producer: 1, key: 2, draw: 3, kind: 1 })).toBe("produce producer 1 key 2 draw 3 kind 1");
  });

  it("builds the kind it names, wrapping around the processor's kinds", () => {
    // draw 1 alone would make a deposit (the ledger withdraws on draws divisible by 3).
    const intents: Intent[] = [
      { k: "produce", producer: 0, key: 0, draw: 1 },
      { k: "produce", producer: 0, key: 0, draw: 1, kind: 1 },
      { k: "produce", producer: 0, key: 0, draw: 1, kind: 2 },
      { k: "produce", producer: 0, key: 0, draw: 1, kind: 7 },
    ];
    const scenario = validateScenario(defineScenario({ name: "kinds", description: "d", processor: bankLedger, schedule: { intents } }), null);
    const view = runSchedule(scenario.world, { seed: 0, faultMix: {}, intents });
    // One key, one producer, no faults: the events sit in one partition in the order produced.
    const kinds = view.inputArchive.flat().map((record) => (record.value?.payload as LedgerEvent).kind);
    expect(kinds).toEqual(["deposit", "withdraw", "deposit", "withdraw"]);
  });
});
