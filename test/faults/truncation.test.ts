import { SendTarget } from "../../src/broker/send-outcome.ts";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { truncateIntent, truncationFault } from "../../src/faults/truncation.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, stepUntilIdle, logOf } from "../helpers/world.ts";

describe("truncation", () => {
  it("deletes input records below the committed offset, and is a no-op when there is nothing consumed to delete", () => {
    const world = newWorld();
    produce(world, 0, 1);
    expect(truncateIntent.apply(world, { k: "truncate", partition: 0 })).toBe(false); // nothing committed
    stepUntilIdle(world, 0);
    produce(world, 1, 2);
    produce(world, 2, 3);
    expect(world.group.committedOffset(0).offset).toBe(1);
    expect(truncateIntent.apply(world, { k: "truncate", partition: 1 })).toBe(true); // partition 1 has nothing consumed: the next one, 0, has
    const log = logOf(world.broker, SendTarget.input, 0);
    expect(log.logStartOffset).toBe(1);
    expect(log.endOffset).toBe(3);
    expect(recordsOf(world.history, Op.truncate)).toEqual([[0, 1, 0]]);
    expect(truncateIntent.apply(world, { k: "truncate", partition: 0 })).toBe(false);
  });

  it("has nothing to heal, draws truncate intents, and bites on every truncation", () => {
    expect(truncationFault.heal).toBeUndefined();
    expect(drawNames(truncationFault)).toEqual(["truncate"]);
    expect(bites(truncationFault, [[Op.truncate, 0, 1, 0]])).toBe(true);
    expect(bites(truncationFault, [[Op.compact, 0, 1, 0]])).toBe(false);
    expect(truncateIntent.describe({ k: "truncate", partition: 2 })).toBe("truncate input partition 2 (or the next with consumed input) up to its committed offset");
  });
});
