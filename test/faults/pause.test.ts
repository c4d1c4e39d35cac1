import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { pauseFault, pauseIntent, resumeIntent } from "../../src/faults/pause.ts";
import { interpret } from "../../src/sim/interpret.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, recordsOf, stepUntilIdle } from "../helpers/world.ts";

describe("pause", () => {
  it("a paused instance keeps its memory but does not step; pausing it again or a dead one is a no-op", () => {
    const world = newWorld({ instances: 2 });
    stepUntilIdle(world, 0);
    const tasks = world.instances[0].runningTasks;
    expect(pauseIntent.apply(world, { k: "pause", instance: 0 })).toBe(true);
    expect(world.hosts[0].paused).toBe(true);
    expect(world.hosts[0].step()).toBe(false);
    expect(world.instances[0].runningTasks).toBe(tasks);
    expect(pauseIntent.apply(world, { k: "pause", instance: 0 })).toBe(false);
    world.hosts[1].crash();
    expect(pauseIntent.apply(world, { k: "pause", instance: 1 })).toBe(false);
    expect(recordsOf(world.history, Op.pause)).toEqual([[0, 0, 0]]);
  });

  it("paused for the session timeout, it loses its session; resumed, it still runs its old tasks (a zombie) until it polls", () => {
    const world = newWorld({ instances: 2, sessionTimeoutTicks: 10 });
    stepUntilIdle(world, 0);
    interpret(world, { k: "pause", instance: 0 }, 0); // every intent costs a tick
    interpret(world, { k: "tick", ticks: 7 }, 1);
    expect(world.group.isMember(0)).toBe(true); // 9 ticks since the pause
    interpret(world, { k: "step", instance: 1, count: 1 }, 2); // 10
    expect(world.group.isMember(0)).toBe(false);
    expect(recordsOf(world.history, Op.sessionExpired)).toEqual([[0, 0, 0]]);
    expect(world.group.ownerOf(0)).toBe(1);
    expect(resumeIntent.apply(world, { k: "resume", instance: 0 })).toBe(true);
    expect(world.hosts[0].paused).toBe(false);
    expect(world.instances[0].taskFor(0)).toBeDefined();
    expect(resumeIntent.apply(world, { k: "resume", instance: 0 })).toBe(false);
  });

  it("heal resumes every paused instance", () => {
    const world = newWorld({ instances: 3 });
    pauseIntent.apply(world, { k: "pause", instance: 0 });
    pauseIntent.apply(world, { k: "pause", instance: 2 });
    pauseFault.heal!(world);
    expect(world.hosts.map((h) => h.paused)).toEqual([false, false, false]);
    expect(recordsOf(world.history, Op.unpause).map(([i]) => i)).toEqual([0, 2]);
  });

  it("draws pauses, resumes and long ticks, and bites when a session expires", () => {
    expect(drawNames(pauseFault)).toEqual(["pause", "resume", "tick"]);
    expect(pauseFault.draws[2].fields).toEqual({ ticks: { kind: "int", min: 5, max: 30 } });
    expect(bites(pauseFault, [[Op.sessionExpired, 0, 0, 0]])).toBe(true);
    expect(bites(pauseFault, [[Op.pause, 0, 0, 0]])).toBe(false);
    expect(resumeIntent.describe({ k: "resume", instance: 0 })).toBe("resume instance 0");
  });
});
