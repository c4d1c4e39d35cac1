// Event kinds of the built-in processors: each declares its kinds, builds the kind it is asked
// for, and, asked for the kind the draw would have chosen anyway, builds the very same event
// (so a mix only changes which kind, never the rest of the event).
import { describe, expect, it } from "vitest";
import { bankLedger, clickCounter, customerTable, inventory, type Processor } from "../../../src/index.ts";
import { eventKindAt } from "../../../src/runtime/processor.ts";

const kindOf = (payload: unknown): string => (payload as { kind?: string }).kind ?? "click";

describe.each([
  ["bankLedger", bankLedger, ["deposit", "withdraw"]],
  ["inventory", inventory, ["restock", "reserve", "release", "discontinue"]],
  ["clickCounter", clickCounter, ["click"]],
  ["customerTable", customerTable, ["upsert", "delete"]],
])("%s event kinds", (_name, built, kinds) => {
  const processor = built as Processor;

  it("declares its kinds", () => {
    expect(processor.eventKinds).toEqual(kinds);
  });

  it("builds the kind it is asked for, with the same key", () => {
    for (const kind of kinds) {
      for (let draw = 0; draw < 1000; draw += 7) {
        const event = processor.makeEvent(2, draw, draw, kind);
        expect(kindOf(event.payload)).toBe(kind);
        expect(event.key).toBe(processor.makeEvent(2, draw, draw).key);
      }
    }
  });

  it("asked for the kind the draw picks, builds the same event as when left to the draw", () => {
    for (let draw = 0; draw < 1000; draw++) {
      const drawn = processor.makeEvent(3, draw, draw);
      expect(processor.makeEvent(3, draw, draw, kindOf(drawn.payload))).toEqual(drawn);
    }
  });
});

describe("eventKindAt", () => {
  it("wraps the index around the kinds, like every index of an intent", () => {
    expect(eventKindAt(bankLedger as Processor, 0)).toBe("deposit");
    expect(eventKindAt(bankLedger as Processor, 3)).toBe("withdraw");
    expect(eventKindAt(inventory as Processor, 6)).toBe("release");
  });

  it("leaves the choice to the processor without an index or without declared kinds", () => {
    expect(eventKindAt(bankLedger as Processor, undefined)).toBeUndefined();
    const plain: Processor = { name: "plain", makeEvent: (k) => ({ key: `k${k}`, payload: 0 }), process: () => ({}) };
    expect(eventKindAt(plain, 1)).toBeUndefined();
    expect(eventKindAt({ ...plain, eventKinds: [] }, 1)).toBeUndefined();
  });
});
