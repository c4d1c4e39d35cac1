import { describe, expect, it } from "vitest";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { lostRequestIntent } from "../../src/faults/lost-request.ts";
import { healOrder } from "../../src/faults/registry.ts";
import { reorderFault } from "../../src/faults/reorder.ts";
import { interpret } from "../../src/sim/interpret.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, logOf } from "../helpers/world.ts";

describe("reorder", () => {
  it("draws retries of a later pending send (index 1-4) and lost requests, which leave sends pending", () => {
    expect(reorderFault.intents).toEqual([]);
    expect(drawNames(reorderFault)).toEqual(["retry", "lost-request"]);
    expect(reorderFault.draws[0].fields).toEqual({ producer: { kind: "producer" }, index: { kind: "int", min: 1, max: 4 } });
    expect(reorderFault.draws[1]).toBe(lostRequestIntent);
  });

  it("a retry of a later pending send lands it before an earlier one", () => {
    const world = newWorld({}, false);
    lostRequestIntent.apply(world, { k: "lost-request", target: SendTarget.input });
    lostRequestIntent.apply(world, { k: "lost-request", target: SendTarget.input });
    produce(world, 0, 1);
    produce(world, 1, 2);
    expect(world.producers[0].pending).toHaveLength(2);
    expect(interpret(world, { k: "retry", producer: 0, index: 1 }, 0)).toBe(true);
    expect(interpret(world, { k: "retry", producer: 0, index: 1 }, 1)).toBe(true); // wraps to the one left
    expect(logOf(world.broker, SendTarget.input, 0).records.map((r) => r.value!.dedupeId)).toEqual(["p0-1", "p0-0"]);
  });

  it("heals through the lost-request kind, and bites on an applied out-of-order retry only", () => {
    expect(reorderFault.heal).toBeUndefined();
    expect(healOrder).toContain("lost-request");
    const intents = [
      { k: "retry", producer: 0, index: 2 },
      { k: "retry", producer: 0, index: 0 },
    ];
    expect(bites(reorderFault, [[Op.intent, 0, 2, 1]], { intents })).toBe(true);
    expect(bites(reorderFault, [[Op.intent, 0, 2, 0]], { intents })).toBe(false); // nothing was pending
    expect(bites(reorderFault, [[Op.intent, 1, 2, 1]], { intents })).toBe(false);
  });
});
