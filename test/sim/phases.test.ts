import { describe, expect, it } from "vitest";
import { SendOutcome, SendTarget } from "../../src/broker/send-outcome.ts";
import { Op } from "../../src/core/history.ts";
import { limits } from "../../src/core/limits.ts";
import type { ServiceInstance } from "../../src/core/service-instance.ts";
import { Disk } from "../../src/store/disk.ts";
import { Host } from "../../src/sim/host.ts";
import { drain, heal, PhaseCode } from "../../src/sim/phases.ts";
import { newWorld, produce, recordsOf, stepUntilIdle, logOf } from "../helpers/world.ts";

describe("heal", () => {
  it("resumes paused instances, restarts crashed ones and rejoins left ones, in that order", () => {
    const world = newWorld({ instances: 3 });
    world.hosts[0].pause();
    world.hosts[1].crash();
    world.hosts[2].leave();
    heal(world);
    expect(world.hosts.map((h) => [h.alive, h.paused])).toEqual([[true, false], [true, false], [true, false]]);
    expect(world.group.members).toEqual([0, 1, 2]);
    const data = world.history.data;
    const healAt = data.length - 4 * 5;
    const generation = world.group.generation;
    expect(data.slice(healAt)).toEqual([
      ...[Op.phase, PhaseCode.heal, 0, 0],
      ...[Op.unpause, 0, 0, 0],
      ...[Op.restart, 1, 0, 0],
      ...[Op.rebalance, generation - 1, 2, 0], // the restarted instance joins
      ...[Op.rebalance, generation, 3, 0], // then the one that left
    ]);
  });

  it("disarms network faults and retries every producer until its sends are acknowledged", () => {
    const world = newWorld({ producers: 2 });
    world.network.arm(SendTarget.input, SendOutcome.notAppended);
    world.network.arm(SendTarget.input, SendOutcome.notAppended);
    produce(world, 0, 1, 0);
    produce(world, 1, 2, 1);
    world.network.arm(SendTarget.input, SendOutcome.ackLost); // still armed when healing starts
    expect(world.producers.map((p) => p.pending.length)).toEqual([1, 1]);
    heal(world);
    expect(world.producers.map((p) => p.pending.length)).toEqual([0, 0]);
    expect(logOf(world.broker, SendTarget.input, 0).records.map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p1-0"]);
    expect(recordsOf(world.history, Op.lost)).toHaveLength(2);
  });
});

describe("drain", () => {
  it("steps every instance until a round makes no progress: all input processed and committed", () => {
    const world = newWorld({ partitions: 2, instances: 2 });
    for (let draw = 1; draw <= 6; draw++) produce(world, draw % 4, draw);
    const result = drain(world);
    expect(result.converged).toBe(true);
    expect(result.budgetTicks).toBe(limits.drainTicksMin);
    expect(result.ticks).toBeLessThan(result.budgetTicks);
    for (let p = 0; p < 2; p++) expect(world.group.committedOffset(p).offset).toBe(logOf(world.broker, SendTarget.input, p).endOffset);
    expect(recordsOf(world.history, Op.phase).slice(-2)).toEqual([[PhaseCode.drain, 0, 0], [PhaseCode.done, 0, 0]]);
    for (const host of world.hosts) expect(host.step()).toBe(false);
  });

  it("reports non-convergence when an instance never runs out of work within the budget (a service of its own behind the seam)", () => {
    const world = newWorld({ instances: 2 });
    stepUntilIdle(world, 0);
    let steps = 0;
    const busy: ServiceInstance = { id: 1, step: () => ++steps > 0, kill() {}, start() {}, leave() {}, join() {}, crashPoint: () => 0, isAt: () => false, crashPointNames: ["busy"] };
    (world.hosts as Host[])[1] = new Host(busy, new Disk(), { history: world.history, clock: world.clock, group: world.group, sessionTimeoutTicks: 10 });
    // A service without `aimAt` is aimed at its codes, wrapped around its one crash point.
    expect(world.hosts[1].aimAt(3)).toBe(0);
    const result = drain(world);
    expect(result).toEqual({ converged: false, ticks: limits.drainTicksMin, budgetTicks: limits.drainTicksMin });
    expect(steps).toBe(limits.drainTicksMin);
    expect(recordsOf(world.history, Op.phase).at(-1)).toEqual([PhaseCode.done, 0, 0]);
  });

  it("skips crashed and paused instances", () => {
    const world = newWorld({ instances: 2 });
    produce(world, 0, 1);
    world.hosts[0].crash();
    world.hosts[1].pause();
    expect(drain(world)).toEqual({ converged: true, ticks: 0, budgetTicks: limits.drainTicksMin });
    expect(world.group.committedOffset(0).offset).toBe(-1);
  });
});
