import { describe, expect, it } from "vitest";
import { entryHash, stateHash } from "../../src/core/state-hash.ts";

describe("stateHash", () => {
  it("is 0 for the empty state", () => {
    expect(stateHash(new Map())).toBe(0);
  });

  it("does not depend on insertion order", () => {
    const a = new Map<string, unknown>([["x", 1], ["y", { n: 2 }], ["z", null]]);
    const b = new Map<string, unknown>([["z", null], ["x", 1], ["y", { n: 2 }]]);
    expect(stateHash(a)).toBe(stateHash(b));
  });

  it("is the 32-bit sum of the entry hashes", () => {
    const state = new Map<string, unknown>([["a", 1], ["b", "two"]]);
    expect(stateHash(state)).toBe((entryHash("a", 1) + entryHash("b", "two")) >>> 0);
    expect(stateHash(state)).toBeGreaterThanOrEqual(0);
    expect(stateHash(state)).toBeLessThan(2 ** 32);
  });

  it("changes with a value, a key, or an extra entry", () => {
    const base = stateHash(new Map([["a", 1]]));
    expect(stateHash(new Map([["a", 2]]))).not.toBe(base);
    expect(stateHash(new Map([["b", 1]]))).not.toBe(base);
    expect(stateHash(new Map([["a", 1], ["b", 1]]))).not.toBe(base);
  });

  it("tells a string from a number and separates key from value", () => {
    expect(entryHash("a", 1)).not.toBe(entryHash("a", "1"));
    expect(entryHash("a=1", 2)).not.toBe(entryHash("a", "1=2"));
  });
});
