// The world asserts the deployment limits of core/limits.ts: validation keeps scenarios
// within them, so a world config past one is a harness bug (HarnessError), not bad input.
import { describe, expect, it } from "vitest";
import { HarnessError } from "../../src/core/invariant.ts";
import { limits } from "../../src/core/limits.ts";
import { newWorld } from "../helpers/world.ts";

describe("world limits", () => {
  it.each([
    ["partitions", limits.partitionCountMax],
    ["instances", limits.instanceCountMax],
    ["producers", limits.producerCountMax],
  ] as const)("%s: up to %i builds, 0 or one more is a harness error", (field, max) => {
    expect(newWorld({ [field]: max }).config[field]).toBe(max);
    expect(() => newWorld({ [field]: max + 1 })).toThrowError(HarnessError);
    expect(() => newWorld({ [field]: max + 1 })).toThrowError(`world config: ${max + 1} ${field}, outside 1-${max}`);
    expect(() => newWorld({ [field]: 0 })).toThrowError(HarnessError);
  });
});
