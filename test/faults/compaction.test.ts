import { describe, expect, it } from "vitest";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { compactIntent, compactionFault } from "../../src/faults/compaction.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, stepUntilIdle, logOf } from "../helpers/world.ts";

describe("compaction", () => {
  it("compacts the changelog partition now: superseded records go, offsets and the latest value per key stay", () => {
    const world = newWorld({ compaction: { segmentRecords: 2, deleteRetentionTicks: 50 } });
    stepUntilIdle(world, 0);
    for (let draw = 1; draw <= 4; draw++) {
      produce(world, 0, draw);
      stepUntilIdle(world, 0);
    }
    const log = logOf(world.broker, SendTarget.changelog, 0);
    const before = log.records.length;
    const end = log.endOffset;
    expect(compactIntent.apply(world, { k: "compact", partition: 3 })).toBe(true); // wraps to partition 0
    expect(log.records.length).toBeLessThan(before);
    expect(log.endOffset).toBe(end);
    const balances = log.records.filter((r) => r.key === "s:acct-0").map((r) => r.value);
    expect(balances.at(-1)).toBe(world.instances[0].taskFor(0)!.store!.get("acct-0"));
    const [[topicPartition, removed]] = recordsOf(world.history, Op.compact);
    expect(topicPartition).toBe(SendTarget.changelog * 256);
    expect(removed).toBe(before - log.records.length);
  });

  it("has nothing to heal, draws compact intents, and bites only when a compaction removed something", () => {
    expect(compactionFault.heal).toBeUndefined();
    expect(drawNames(compactionFault)).toEqual(["compact"]);
    expect(bites(compactionFault, [[Op.compact, 256, 3, 0]])).toBe(true);
    expect(bites(compactionFault, [[Op.compact, 256, 0, 0]])).toBe(false);
    expect(compactIntent.describe({ k: "compact", partition: 1 })).toBe("compact changelog partition 1 (or the next ones until a clean removes records)");
  });
});
