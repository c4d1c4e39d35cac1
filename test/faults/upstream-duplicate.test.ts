import { SendTarget } from "../../src/broker/send-outcome.ts";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { republishIntent, upstreamDuplicateFault } from "../../src/faults/upstream-duplicate.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, logOf } from "../helpers/world.ts";

describe("upstream-duplicate", () => {
  it("re-publishes an old event as a new message: same dedupe ID, new offset; a distance past the first event wraps around", () => {
    const world = newWorld();
    for (let draw = 1; draw <= 3; draw++) produce(world, 0, draw);
    expect(republishIntent.apply(world, { k: "republish", producer: 1, distance: 1 })).toBe(true); // producer wraps to 0
    const records = logOf(world.broker, SendTarget.input, 0).records;
    expect(records.map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p0-1", "p0-2", "p0-1"]);
    expect(records[3].value).toEqual(records[1].value);
    expect(republishIntent.apply(world, { k: "republish", producer: 0, distance: 3 })).toBe(true); // 3 events created: distance 0, the newest
    expect(logOf(world.broker, SendTarget.input, 0).records.map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p0-1", "p0-2", "p0-1", "p0-2"]);
  });

  it("has nothing to heal, draws republish intents up to the scenario's distance, and bites on an applied one", () => {
    expect(upstreamDuplicateFault.heal).toBeUndefined();
    expect(drawNames(upstreamDuplicateFault)).toEqual(["republish"]);
    expect(republishIntent.fields).toEqual({ producer: { kind: "producer" }, distance: { kind: "distance" } });
    expect(bites(upstreamDuplicateFault, [[Op.intent, 0, republishIntent.code, 1]])).toBe(true);
    expect(bites(upstreamDuplicateFault, [[Op.intent, 0, republishIntent.code, 0]])).toBe(false);
    expect(republishIntent.describe({ k: "republish", producer: 1, distance: 4 })).toBe("upstream re-publishes producer 1's event from 4 events back");
  });
});
