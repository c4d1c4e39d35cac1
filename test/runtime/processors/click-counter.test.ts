import { describe, expect, it } from "vitest";
import { clickCounter } from "../../../src/runtime/processors/click-counter.ts";
import { fold, inputOf, made, viewOf } from "./fold.ts";

const click = (clicks: number, page = "page-0") => inputOf(page, { page, clicks });

describe("clickCounter", () => {
  it("adds the event's clicks to the page's count and outputs the new count", () => {
    expect(clickCounter.process(viewOf(new Map()), click(2))).toEqual({
      writes: [{ key: "page-0", value: 2 }],
      outputs: [{ page: "page-0", count: 2 }],
    });
    expect(clickCounter.process(viewOf(new Map([["page-0", 7]])), click(1))).toEqual({
      writes: [{ key: "page-0", value: 8 }],
      outputs: [{ page: "page-0", count: 8 }],
    });
  });

  it("counts pages independently", () => {
    const { state } = fold(clickCounter, [click(1, "page-0"), click(3, "page-1"), click(2, "page-0")]);
    expect(state).toEqual(new Map([["page-0", 3], ["page-1", 3]]));
  });

  it("is not idempotent: a duplicate click changes the count and the outputs after it", () => {
    const once = fold(clickCounter, [click(1), click(2)]);
    const twice = fold(clickCounter, [click(1), click(1), click(2)]);
    expect(once.state.get("page-0")).toBe(3);
    expect(twice.state.get("page-0")).toBe(4);
    expect(twice.outputs[1]).not.toEqual(twice.outputs[0]);
  });

  it("makeEvent is deterministic, keys by page and clicks 1 to 3", () => {
    const seen = new Set<number>();
    for (const keyIndex of [0, 4, 999]) {
      for (let draw = 0; draw < 1000; draw++) {
        const event = clickCounter.makeEvent(keyIndex, draw, 0);
        expect(clickCounter.makeEvent(keyIndex, draw, 0)).toEqual(event);
        expect(event.key).toBe(`page-${keyIndex}`);
        expect(event.payload.page).toBe(event.key);
        seen.add(event.payload.clicks);
      }
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it("the final count is the sum of the clicks", () => {
    const events = Array.from({ length: 100 }, (_, i) => made(clickCounter, 0, (i * 7) % 1000, `p0-${i}`));
    const total = events.reduce((sum, e) => sum + e.payload.clicks, 0);
    expect(fold(clickCounter, events).state.get("page-0")).toBe(total);
  });
});
