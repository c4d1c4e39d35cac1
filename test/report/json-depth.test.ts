// The nesting bound on JSON read back: counted on the text, iteratively (so any depth is
// measured without recursion), brackets inside strings not counted.
import { describe, expect, it } from "vitest";
import { checkJsonDepth, jsonDepth, jsonDepthMax } from "../../src/report/json-depth.ts";

const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("jsonDepth", () => {
  it("counts arrays and objects, not brackets in strings or escaped quotes", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[{{{","b":"\\"[[["}')).toBe(1);
    expect(jsonDepth(`[${nested(3)},${nested(5)}]`)).toBe(6);
  });

  it("stops counting past the bound, so 100000 levels take no time or stack", () => {
    expect(jsonDepth(nested(100_000))).toBe(jsonDepthMax + 1);
  });
});

describe("checkJsonDepth", () => {
  it("accepts 64 levels and refuses 65 with one line naming the file", () => {
    expect(() => checkJsonDepth(nested(64), "r.json")).not.toThrow();
    expect(() => checkJsonDepth(nested(65), "r.json")).toThrow("r.json: JSON nested deeper than 64 levels");
  });
});
