import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { healFaults } from "../../src/faults/catalogue.ts";
import { restartIntent } from "../../src/faults/crash.ts";
import { diskWipeFault, wipeIntent } from "../../src/faults/disk-wipe.ts";
import { bites, drawNames } from "../helpers/faults.ts";
import { newWorld, produce, recordsOf, stepUntilIdle } from "../helpers/world.ts";

describe("disk-wipe", () => {
  it("crashes a running instance and empties its disk; on restart its partition is restored from the changelog", () => {
    const world = newWorld();
    stepUntilIdle(world, 0);
    produce(world, 0, 1);
    stepUntilIdle(world, 0);
    expect(world.runtimeDisks[0].partitions()).toEqual([0]);
    expect(wipeIntent.apply(world, { k: "wipe", instance: 0 })).toBe(true);
    expect(world.hosts[0].alive).toBe(false);
    expect(world.runtimeDisks[0].partitions()).toEqual([]);
    // the host counted what the wipe removed: one namespace, none left
    expect(recordsOf(world.history, Op.wipe)).toEqual([[0, 1, 0]]);
    const ops = world.history.data.filter((_, i) => i % 4 === 0);
    expect(ops.indexOf(Op.crash)).toBeLessThan(ops.indexOf(Op.wipe));
    restartIntent.apply(world, { k: "restart", instance: 0 });
    stepUntilIdle(world, 0);
    expect(recordsOf(world.history, Op.restoreStart)).toHaveLength(2);
    expect(world.instances[0].taskFor(0)!.store!.get("acct-0")).toBe(2);
  });

  it("wiping a dead instance does not crash it again", () => {
    const world = newWorld();
    world.hosts[0].crash();
    expect(wipeIntent.apply(world, { k: "wipe", instance: 0 })).toBe(true);
    expect(recordsOf(world.history, Op.crash)).toHaveLength(1);
    // an empty disk: the wipe removed nothing
    expect(recordsOf(world.history, Op.wipe)).toEqual([[0, 0, 0]]);
  });

  it("has no heal of its own: healing restarts the wiped instance (the crash kind's heal)", () => {
    const world = newWorld();
    wipeIntent.apply(world, { k: "wipe", instance: 0 });
    expect(diskWipeFault.heal).toBeUndefined();
    healFaults(world);
    expect(world.hosts[0].alive).toBe(true);
    expect(world.group.isMember(0)).toBe(true);
  });

  it("draws wipes and restarts, and bites when a wipe empties a disk that held something", () => {
    expect(drawNames(diskWipeFault)).toEqual(["wipe", "restart"]);
    expect(diskWipeFault.draws[1]).toBe(restartIntent);
    expect(bites(diskWipeFault, [[Op.wipe, 0, 2, 0]])).toBe(true);
    // an empty disk wiped, or a wipe that left what it should have removed
    expect(bites(diskWipeFault, [[Op.wipe, 0, 0, 0]])).toBe(false);
    expect(bites(diskWipeFault, [[Op.wipe, 0, 2, 2]])).toBe(false);
    expect(bites(diskWipeFault, [[Op.crash, 0, 0, 0]])).toBe(false);
    expect(wipeIntent.describe({ k: "wipe", instance: 2 })).toBe("wipe the disk of instance 2 (or the next one whose disk holds something)");
  });
});
