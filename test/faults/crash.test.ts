import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { crashFault, crashIntent, restartIntent } from "../../src/faults/crash.ts";
import { CrashPoint, crashPointNames } from "../../src/runtime/task-phase.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, stepUntilIdle } from "../helpers/world.ts";

describe("crash", () => {
  it("crashes a live instance where it is: dead, its memory gone, its session ended; a no-op on a dead one", () => {
    const world = newWorld({ instances: 2 });
    stepUntilIdle(world, 0);
    expect(crashIntent.apply(world, { k: "crash", instance: 2 })).toBe(true); // wraps to instance 0
    const host = world.hosts[0];
    expect(host.alive).toBe(false);
    expect(world.instances[0].runningTasks).toEqual([]);
    expect(world.group.isMember(0)).toBe(false);
    expect(recordsOf(world.history, Op.crash)).toEqual([[0, CrashPoint.ready, 0]]);
    expect(crashIntent.apply(world, { k: "crash", instance: 0 })).toBe(false);
    expect(recordsOf(world.history, Op.crash)).toHaveLength(1);
  });

  it("aimed, steps the instance to the crash point first (the point wraps around the service's crash points)", () => {
    const world = newWorld();
    stepUntilIdle(world, 0);
    produce(world, 0, 1);
    const point = CrashPoint.committed + crashPointNames.length;
    expect(crashIntent.apply(world, { k: "crash", instance: 0, point })).toBe(true);
    // aimed at the point modulo the crash points: the record says so (aim + 1)
    expect(recordsOf(world.history, Op.crash)).toEqual([[0, CrashPoint.committed, CrashPoint.committed + 1]]);
    // the store recorded the input's transaction (next offset 1) before the crash
    expect(recordsOf(world.history, Op.storeCommit).filter(([, next]) => next === 1).length).toBeGreaterThan(0);
  });

  it("restart brings a dead instance back on its disk and into the group; a no-op on a live one", () => {
    const world = newWorld();
    expect(restartIntent.apply(world, { k: "restart", instance: 0 })).toBe(false);
    world.hosts[0].crash();
    expect(restartIntent.apply(world, { k: "restart", instance: 0 })).toBe(true);
    expect(world.hosts[0].alive).toBe(true);
    expect(world.group.isMember(0)).toBe(true);
    expect(recordsOf(world.history, Op.restart)).toEqual([[0, 0, 0]]);
  });

  it("heal restarts every crashed instance and leaves live ones alone", () => {
    const world = newWorld({ instances: 3 });
    world.hosts[0].crash();
    world.hosts[2].crash();
    crashFault.heal!(world);
    expect(world.hosts.map((h) => h.alive)).toEqual([true, true, true]);
    expect(recordsOf(world.history, Op.restart).map(([i]) => i)).toEqual([0, 2]);
  });

  it("draws crashes (half aimed) and restarts, and bites when an aimed crash lands on its point", () => {
    expect(drawNames(crashFault)).toEqual(["crash", "restart"]);
    expect(crashIntent.fields).toEqual({ instance: { kind: "instance" }, point: { kind: "aim", optional: true } });
    expect(bites(crashFault, [[Op.crash, 1, CrashPoint.committed, CrashPoint.committed + 1]])).toBe(true);
    // aimed but landed elsewhere: the aiming did not work
    expect(bites(crashFault, [[Op.crash, 1, CrashPoint.ready, CrashPoint.committed + 1]])).toBe(false);
    // not aimed: where it lands shows nothing about the kind's aiming
    expect(bites(crashFault, [[Op.crash, 1, CrashPoint.idle, 0]])).toBe(false);
    expect(bites(crashFault, [[Op.crash, 1, CrashPoint.idle, 0], [Op.crash, 0, CrashPoint.polled, CrashPoint.polled + 1]])).toBe(true);
    expect(bites(crashFault, [[Op.restart, 1, 0, 0]])).toBe(false);
    expect(crashIntent.describe({ k: "crash", instance: 1 })).toBe("crash instance 1");
    expect(restartIntent.describe({ k: "restart", instance: 1 })).toBe("restart instance 1");
  });
});
