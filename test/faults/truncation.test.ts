import { SendTarget } from "../../src/broker/send-outcome.ts";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { truncateIntent, truncationFault } from "../../src/faults/truncation.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, stepUntilIdle, logOf } from "../helpers/world.ts";

describe("truncation", () => {
  it("deletes input records below the committed offset, stepping the instances first until some input is consumed", () => {
    const world = newWorld();
    // nothing produced: the instances have nothing to consume, so stepping them ends at once
    expect(truncateIntent.apply(world, { k: "truncate", partition: 0 })).toBe(false);
    expect(recordsOf(world.history, Op.truncate)).toEqual([]);
    produce(world, 0, 1);
    produce(world, 1, 2);
    expect(world.group.committedOffset(0).offset).toBeLessThanOrEqual(0); // nothing committed yet
    // partition 1 has nothing consumed: the instances step until a commit, and the next partition with consumed input goes
    expect(truncateIntent.apply(world, { k: "truncate", partition: 1 })).toBe(true);
    const log = logOf(world.broker, SendTarget.input, 0);
    expect(log.logStartOffset).toBe(world.group.committedOffset(0).offset);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(recordsOf(world.history, Op.truncate)).toEqual([[0, log.logStartOffset, 0]]);
    stepUntilIdle(world, 0);
    // every consumed record of every partition deleted, nothing left to consume: a no-op
    while (truncateIntent.apply(world, { k: "truncate", partition: 0 }));
    expect(truncateIntent.apply(world, { k: "truncate", partition: 0 })).toBe(false);
    expect(logOf(world.broker, SendTarget.input, 0).logStartOffset).toBe(logOf(world.broker, SendTarget.input, 0).endOffset);
  });

  it("has nothing to heal, draws truncate intents, and bites on every truncation", () => {
    expect(truncationFault.heal).toBeUndefined();
    expect(drawNames(truncationFault)).toEqual(["truncate"]);
    expect(bites(truncationFault, [[Op.truncate, 0, 1, 0]])).toBe(true);
    expect(bites(truncationFault, [[Op.compact, 0, 1, 0]])).toBe(false);
    expect(truncateIntent.describe({ k: "truncate", partition: 2 })).toBe("truncate input partition 2 (or the next with consumed input) up to its committed offset, stepping the instances first until one has");
  });
});
