import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import { CrashPoint, TaskPhase } from "../../src/runtime/task-phase.ts";
import { newWorld, outputRecords, produce, recordsOf, stepUntilIdle } from "../helpers/world.ts";

describe("Instance", () => {
  it("picks up its assignment on the first step after a generation change", () => {
    const world = newWorld({ partitions: 4, instances: 2 });
    const [a, b] = world.instances;
    expect(a.runningTasks).toEqual([]);
    expect(a.step()).toBe(true);
    expect(a.runningTasks.map((t) => t.partition)).toEqual([0, 1]);
    expect(b.step()).toBe(true);
    expect(b.runningTasks.map((t) => t.partition)).toEqual([2, 3]);
    for (const t of [...a.runningTasks, ...b.runningTasks]) {
      expect(t.phase).toBe(TaskPhase.fencing);
      expect(t.generation).toBe(world.group.generation);
    }
  });

  it("advances its tasks round-robin", () => {
    const world = newWorld({ partitions: 2 });
    const a = world.instances[0];
    a.step();
    const [t0, t1] = a.runningTasks;
    const seen: number[][] = [];
    for (let i = 0; i < 4; i++) {
      a.step();
      seen.push([t0.phase, t1.phase]);
    }
    expect(seen).toEqual([
      [TaskPhase.restoring, TaskPhase.fencing],
      [TaskPhase.restoring, TaskPhase.restoring],
      [TaskPhase.sent, TaskPhase.restoring],
      [TaskPhase.sent, TaskPhase.sent],
    ]);
  });

  it("eager rebalancing replaces every task; cooperative keeps the tasks of kept partitions", () => {
    for (const rebalance of ["eager", "cooperative"] as const) {
      const world = newWorld({ partitions: 2, instances: 2, runtime: { ...referenceRuntime, rebalance } });
      const [a, b] = world.instances;
      stepUntilIdle(world, 0);
      stepUntilIdle(world, 1);
      const before = a.taskFor(0)!;
      expect(a.taskFor(1)).toBeUndefined();
      world.hosts[1].crash(); // a now owns both partitions
      a.step();
      const after = a.taskFor(0)!;
      expect(a.runningTasks.map((t) => t.partition)).toEqual([0, 1]);
      expect(after.generation).toBe(world.group.generation);
      if (rebalance === "eager") {
        expect(after).not.toBe(before);
        expect(after.phase).toBe(TaskPhase.fencing);
        a.step(); // epoch marker; same disk and nothing but markers since its checkpoint: resume
        expect(after.phase).toBe(TaskPhase.sent);
        expect(after.store).toBe(before.store);
      } else {
        expect(after).toBe(before);
        // kept under the new generation: it re-commits its group offset first
        expect(after.phase).toBe(TaskPhase.sent);
      }
    }
  });

  it("cooperative: a partition that moved away and back while the instance was paused is not kept", () => {
    const world = newWorld({ partitions: 2, instances: 2, runtime: { ...referenceRuntime, rebalance: "cooperative" } });
    const [a, b] = world.instances;
    stepUntilIdle(world, 0);
    stepUntilIdle(world, 1);
    const before = a.taskFor(0)!;
    world.group.leave(a.id); // a's session expires: b owns both partitions
    world.group.join(a.id); // a is back in the group before it ever noticed
    expect(world.group.ownerOf(0)).toBe(a.id);
    a.step();
    expect(a.taskFor(0)).not.toBe(before);
    expect(a.taskFor(0)!.phase).toBe(TaskPhase.fencing);
    expect(world.hosts[1].alive).toBe(true);
  });

  it("finishes an input cycle in flight before handling a rebalance", () => {
    const world = newWorld({ partitions: 2, instances: 2 });
    const [a, b] = world.instances;
    stepUntilIdle(world, 0);
    stepUntilIdle(world, 1);
    const event = produce(world, 0, 1);
    const p = world.partitionOf(event.key);
    const owner = world.instances[world.group.ownerOf(p)];
    const other = owner === a ? b : a;
    owner.step(); // poll
    expect(owner.taskFor(p)!.phase).toBe(TaskPhase.polled);
    world.hosts[other.id].crash(); // generation moves
    const task = owner.taskFor(p)!;
    expect(owner.crashPoint()).toBe(CrashPoint.polled);
    const phases: number[] = [];
    while (task.phase !== TaskPhase.ready) {
      owner.step();
      phases.push(task.phase);
    }
    expect(phases).toEqual([TaskPhase.processed, TaskPhase.committed, TaskPhase.logged, TaskPhase.sent, TaskPhase.ready]);
    // its offset commit carried the old generation: fenced by the group
    expect(world.group.rejectedCommits).toBe(1);
    expect(owner.taskFor(p)).toBe(task);
    owner.step(); // now the rebalance
    expect(owner.taskFor(p)).not.toBe(task);
    expect(outputRecords(world.broker, p)).toHaveLength(1);
  });

  it("crash ends the session at once and restart rejoins", () => {
    const world = newWorld({ instances: 2 });
    const a = world.instances[0];
    const host = world.hosts[0];
    const gen = world.group.generation;
    a.step();
    expect(host.crash()).toBe(CrashPoint.fencing);
    expect(world.group.isMember(0)).toBe(false);
    expect(world.group.generation).toBe(gen + 1);
    expect(a.runningTasks).toEqual([]);
    expect(host.step()).toBe(false);
    host.restart();
    expect(host.alive).toBe(true);
    expect(world.group.isMember(0)).toBe(true);
    expect(world.group.generation).toBe(gen + 2);
    expect(a.crashPoint()).toBe(CrashPoint.revokeAssign);
    expect(recordsOf(world.history, Op.restart)).toEqual([[0, 0, 0]]);
  });

  it("an instance with no partitions is idle", () => {
    const world = newWorld({ instances: 2 });
    const b = world.instances[1];
    expect(b.step()).toBe(true);
    expect(b.crashPoint()).toBe(CrashPoint.idle);
    expect(b.step()).toBe(false);
  });

  it("a paused instance does nothing until resumed", () => {
    const world = newWorld();
    const a = world.instances[0];
    const host = world.hosts[0];
    host.pause();
    expect(host.step()).toBe(false);
    expect(a.runningTasks).toEqual([]);
    host.resume();
    expect(host.step()).toBe(true);
    expect(recordsOf(world.history, Op.pause)).toEqual([[0, 0, 0]]);
    expect(recordsOf(world.history, Op.unpause)).toEqual([[0, 0, 0]]);
  });

  it("a member paused for the session timeout loses its session once, and keeps its tasks", () => {
    const world = newWorld({ instances: 2, sessionTimeoutTicks: 5 });
    const host = world.hosts[0];
    stepUntilIdle(world, 0);
    host.pause();
    world.clock.advance(4);
    world.expireSessions();
    expect(world.group.isMember(0)).toBe(true);
    world.clock.advance(1);
    world.expireSessions();
    world.expireSessions();
    expect(world.group.isMember(0)).toBe(false);
    expect(recordsOf(world.history, Op.sessionExpired)).toEqual([[0, 0, 0]]);
    expect(world.instances[0].runningTasks.length).toBeGreaterThan(0); // a zombie until it polls
  });

  it("a graceful leave keeps it out; a coordinator-expelled member rejoins when it next polls", () => {
    const world = newWorld({ instances: 2 });
    const [a] = world.instances;
    stepUntilIdle(world, 0);
    world.hosts[0].leave();
    expect(world.group.isMember(0)).toBe(false);
    a.step();
    expect(world.group.isMember(0)).toBe(false);
    world.hosts[0].join();
    expect(world.group.isMember(0)).toBe(true);
    world.group.leave(0); // expelled (session expiry)
    a.step();
    expect(world.group.isMember(0)).toBe(true);
  });

  it("a crash loses nothing committed: the store is on the disk after restart, no second restore", () => {
    const world = newWorld();
    const a = world.instances[0];
    stepUntilIdle(world, 0);
    produce(world, 0, 1);
    stepUntilIdle(world, 0);
    world.hosts[0].crash();
    world.hosts[0].restart();
    stepUntilIdle(world, 0);
    expect(a.taskFor(0)!.store!.get("acct-0")).toBe(2);
    expect(recordsOf(world.history, Op.restoreStart)).toHaveLength(1); // only the very first assignment
  });
});
