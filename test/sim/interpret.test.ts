import { SendTarget } from "../../src/broker/send-outcome.ts";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { type Intent, intentCodes } from "../../src/schedule/intent.ts";
import { interpret } from "../../src/sim/interpret.ts";
import { newWorld, recordsOf, stepUntilIdle, logOf } from "../helpers/world.ts";

describe("interpret", () => {
  it("records each intent with its index, code and whether it applied, marks the step and costs one tick", () => {
    const world = newWorld();
    expect(interpret(world, { k: "retry", producer: 0, index: 0 }, 0)).toBe(false); // nothing pending
    expect(interpret(world, { k: "produce", producer: 0, key: 0, draw: 1 }, 1)).toBe(true);
    expect(interpret(world, { k: "tick", ticks: 5 }, 2)).toBe(true);
    expect(recordsOf(world.history, Op.intent)).toEqual([
      [0, intentCodes.retry, 0],
      [1, intentCodes.produce, 1],
      [2, intentCodes.tick, 1],
    ]);
    expect(world.history.stepCount).toBe(3);
    expect(world.clock.nowTicks).toBe(1 + 1 + 6);
  });

  it("produce builds the event from key (wrapping the key space) and draw, in event time, on the producer named (wrapping)", () => {
    const world = newWorld({ producers: 2, keys: 4 });
    interpret(world, { k: "produce", producer: 3, key: 5, draw: 1 }, 0);
    interpret(world, { k: "produce", producer: 0, key: 1, draw: 2 }, 1);
    expect(world.eventsCreated).toBe(2);
    const records = logOf(world.broker, SendTarget.input, 0).records;
    expect(records.map((r) => [r.value!.dedupeId, r.key])).toEqual([
      ["p1-0", "acct-1"],
      ["p0-0", "acct-1"],
    ]);
  });

  it("step advances the instance named (wrapping) up to `count` times; a step of a dead instance is a no-op", () => {
    const world = newWorld({ instances: 2 });
    expect(interpret(world, { k: "step", instance: 2, count: 1 }, 0)).toBe(true);
    expect(world.instances[0].runningTasks).toHaveLength(1); // assigned on its first step
    expect(world.instances[1].runningTasks).toHaveLength(0);
    world.hosts[1].crash();
    expect(interpret(world, { k: "step", instance: 1, count: 8 }, 1)).toBe(false);
  });

  it("hands fault intents to their fault kind's module", () => {
    const world = newWorld();
    stepUntilIdle(world, 0);
    expect(interpret(world, { k: "crash", instance: 0 }, 0)).toBe(true);
    expect(world.hosts[0].alive).toBe(false);
    expect(interpret(world, { k: "restart", instance: 0 }, 1)).toBe(true);
    expect(interpret(world, { k: "leave", instance: 0 }, 2)).toBe(true);
    expect(world.group.isMember(0)).toBe(false);
    expect(recordsOf(world.history, Op.intent).map(([, code]) => code)).toEqual([intentCodes.crash, intentCodes.restart, intentCodes.leave]);
  });

  it("expires the sessions of members paused for the session timeout after every intent", () => {
    const world = newWorld({ instances: 2, sessionTimeoutTicks: 3 });
    const intents: Intent[] = [{ k: "pause", instance: 1 }, { k: "tick", ticks: 1 }, { k: "step", instance: 0, count: 1 }];
    intents.forEach((intent, i) => interpret(world, intent, i));
    expect(recordsOf(world.history, Op.sessionExpired)).toEqual([[1, 0, 0]]);
    expect(world.group.isMember(1)).toBe(false);
  });
});
