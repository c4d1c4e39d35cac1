import { describe, expect, it } from "vitest";
import { Streams, subStream } from "../../src/core/prng.ts";

function take(rng: { next(): number }, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe("subStream", () => {
  it("same root and name give the same sequence", () => {
    expect(take(subStream(7, "broker"), 20)).toEqual(take(subStream(7, "broker"), 20));
  });

  it("different names give different sequences", () => {
    expect(take(subStream(7, "broker"), 20)).not.toEqual(take(subStream(7, "runtime"), 20));
  });

  it("different roots give different sequences", () => {
    expect(take(subStream(7, "broker"), 20)).not.toEqual(take(subStream(8, "broker"), 20));
  });

  it("next() is in [0, 1)", () => {
    for (const x of take(subStream(1, "x"), 1000)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("int(bound) is an integer in [0, bound) and covers the range", () => {
    const rng = subStream(3, "ints");
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(10);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      seen.add(v);
    }
    expect(seen.size).toBe(10);
  });

  it("int(1) is always 0", () => {
    const rng = subStream(3, "one");
    for (let i = 0; i < 100; i++) expect(rng.int(1)).toBe(0);
  });
});

describe("Streams", () => {
  it("returns the same stream object for the same name", () => {
    const streams = new Streams(11);
    expect(streams.get("a")).toBe(streams.get("a"));
  });

  it("a draw on one stream does not shift another", () => {
    const s1 = new Streams(11);
    const s2 = new Streams(11);
    take(s1.get("noise"), 50);
    expect(take(s1.get("broker"), 10)).toEqual(take(s2.get("broker"), 10));
  });

  it("matches subStream for the same root and name", () => {
    expect(take(new Streams(5).get("runtime"), 10)).toEqual(take(subStream(5, "runtime"), 10));
  });
});
