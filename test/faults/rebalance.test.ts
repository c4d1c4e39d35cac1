import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { joinIntent, leaveIntent, rebalanceFault } from "../../src/faults/rebalance.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, stepUntilIdle } from "../helpers/world.ts";

describe("rebalance", () => {
  it("a live member leaves: the generation moves, its partitions go elsewhere, and it stays out while it runs", () => {
    const world = newWorld({ partitions: 2, instances: 2 });
    stepUntilIdle(world, 0);
    stepUntilIdle(world, 1);
    const generation = world.group.generation;
    expect(leaveIntent.apply(world, { k: "leave", instance: 0 })).toBe(true);
    expect(world.group.isMember(0)).toBe(false);
    expect(world.group.generation).toBe(generation + 1);
    expect(world.group.assignmentOf(1)).toEqual([0, 1]);
    stepUntilIdle(world, 0);
    expect(world.group.isMember(0)).toBe(false);
    expect(leaveIntent.apply(world, { k: "leave", instance: 0 })).toBe(false);
  });

  it("a live non-member joins; joining a member or a dead instance is a no-op", () => {
    const world = newWorld({ instances: 2 });
    expect(joinIntent.apply(world, { k: "join", instance: 0 })).toBe(false);
    leaveIntent.apply(world, { k: "leave", instance: 0 });
    expect(joinIntent.apply(world, { k: "join", instance: 0 })).toBe(true);
    expect(world.group.isMember(0)).toBe(true);
    world.hosts[1].crash();
    expect(joinIntent.apply(world, { k: "join", instance: 1 })).toBe(false);
    expect(leaveIntent.apply(world, { k: "leave", instance: 1 })).toBe(false);
  });

  it("heal makes every live instance a member again, whether it left or its session expired, and leaves dead ones out", () => {
    const world = newWorld({ instances: 3 });
    leaveIntent.apply(world, { k: "leave", instance: 0 });
    world.group.leave(1); // expelled by the coordinator
    world.hosts[2].crash();
    rebalanceFault.heal!(world);
    expect(world.group.members).toEqual([0, 1]);
  });

  it("draws leaves then joins, and bites on an applied one", () => {
    expect(drawNames(rebalanceFault)).toEqual(["leave", "join"]);
    expect(bites(rebalanceFault, [[Op.intent, 3, leaveIntent.code, 1]])).toBe(true);
    expect(bites(rebalanceFault, [[Op.intent, 3, joinIntent.code, 1]])).toBe(true);
    expect(bites(rebalanceFault, [[Op.intent, 3, joinIntent.code, 0]])).toBe(false);
    expect(bites(rebalanceFault, [[Op.intent, 3, 5, 1]])).toBe(false);
    expect(leaveIntent.describe({ k: "leave", instance: 1 })).toBe("leave instance 1");
  });
});
