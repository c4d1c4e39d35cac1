import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignmentStrategy, assignPartitions } from "../../src/broker/assignment.ts";

const strategies: AssignmentStrategy[] = ["range", "round-robin"];

describe("assignPartitions", () => {
  it("range gives contiguous blocks, earlier members get the extra partitions", () => {
    expect(assignPartitions([0, 1, 2], 7, "range")).toEqual([0, 0, 0, 1, 1, 2, 2]);
    expect(assignPartitions([4, 9], 4, "range")).toEqual([4, 4, 9, 9]);
  });

  it("round-robin deals partitions in turn", () => {
    expect(assignPartitions([0, 1, 2], 7, "round-robin")).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(assignPartitions([3, 5], 3, "round-robin")).toEqual([3, 5, 3]);
  });

  it("no members: every partition unowned", () => {
    for (const s of strategies) expect(assignPartitions([], 3, s)).toEqual([-1, -1, -1]);
  });

  it("more members than partitions: some members get none", () => {
    for (const s of strategies) expect(assignPartitions([0, 1, 2, 3], 2, s)).toEqual([0, 1]);
  });

  for (const strategy of strategies) {
    it(`${strategy}: every partition has exactly one member owner, loads differ by at most one`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 16 }).map((m) => m.sort((a, b) => a - b)),
          fc.integer({ min: 0, max: 64 }),
          (members, partitions) => {
            const owners = assignPartitions(members, partitions, strategy);
            expect(owners).toHaveLength(partitions);
            for (const owner of owners) expect(members).toContain(owner);
            const load = members.map((m) => owners.filter((o) => o === m).length);
            expect(load.reduce((a, b) => a + b, 0)).toBe(partitions);
            expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
          },
        ),
      );
    });
  }

  it("is deterministic", () => {
    for (const s of strategies) expect(assignPartitions([1, 2, 5], 10, s)).toEqual(assignPartitions([1, 2, 5], 10, s));
  });
});
