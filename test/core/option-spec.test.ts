// The option-table helpers: defaults in table order, range defaults, bounds as docs write them.
import { describe, expect, it } from "vitest";
import { boundText, choice, defaultsOf, flag, int, intOrNull, range, resolveRange, weights } from "../../src/core/option-spec.ts";

describe("option specs", () => {
  it("collects defaults in table order and leaves out options without one", () => {
    const table = { a: flag(false), b: int(0, 9), c: choice(["x", "y"], "y"), d: intOrNull(1, 5, null), e: weights(null, 0, 3), f: int(1, 2, 2) };
    expect(Object.entries(defaultsOf(table))).toEqual([["a", false], ["c", "y"], ["d", null], ["f", 2]]);
  });

  it("fills a range: min's default, and max at least min", () => {
    const spec = range(int(0, 100, 10), int(1, 100, 80));
    expect(resolveRange(spec, undefined)).toEqual({ min: 10, max: 80 });
    expect(resolveRange(spec, { min: 90 })).toEqual({ min: 90, max: 90 });
    expect(resolveRange(spec, { max: 20 })).toEqual({ min: 10, max: 20 });
    expect(resolveRange(spec, { min: 3, max: 4 })).toEqual({ min: 3, max: 4 });
  });

  it("writes bounds with digits, grouping thousands from 10,000", () => {
    expect([boundText({ min: 1, max: 64 }), boundText({ min: 0, max: 2000 }), boundText({ min: 0, max: 10_000 }), boundText({ min: 1, max: 1_000_000_000 })]).toEqual([
      "1-64", "0-2000", "0-10,000", "1-1,000,000,000",
    ]);
  });
});
