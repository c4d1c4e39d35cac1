/**
 * Process crashes (kill -9) and restarts. A crash hits the instance wherever it is in its
 * cycle (the crash point is recorded), loses its memory and uncommitted transactions, and
 * ends its group session; a restart brings it back on the same disk. Half of the generated
 * crashes are aimed: the instance first steps until a crash would hit a chosen crash point.
 * Healing restarts every crashed instance (whatever crashed it: a disk wipe too).
 */
import { Op } from "../core/history.ts";
import { crashPointNames } from "../runtime/task-phase.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import type { FaultWorld, InstanceHost } from "./fault-world.ts";

/** Most steps an aimed crash takes to reach its crash point: two input cycles and a restore. */
export const crashAimSteps = 16;

/** Crash `instance`; returns the crash point, or null when it was already down (a no-op). */
export function crashInstance(instance: InstanceHost): number | null {
  return instance.alive ? instance.crash() : null;
}

/**
 * Crash `instance` at crash point `point`: step it (at most `maxSteps` steps, as a `step`
 * intent would) until a crash would hit `point`, then crash it wherever it got to (the host
 * records the aim and where the crash landed). With `wait`, a step that does nothing lets a
 * tick pass instead of giving up (it counts as a step): a user's service waits on timers
 * (a poll's wait, a heartbeat, an auto-commit interval) that only time ends, and gave up on
 * nine aimed crashes in ten without it. A crash where the instance happens to be lands
 * between inputs most of the time, so the crash points inside an input's cycle (after the
 * poll, after the store commit, ...) are rarely hit; aimed, each is about as easy to reach as
 * the others. Returns the crash point hit, or null when the instance was down (a no-op).
 */
export function crashInstanceAt(instance: InstanceHost, point: number, maxSteps: number, wait?: () => void): number | null {
  if (!instance.alive) return null;
  for (let i = 0; i < maxSteps && !instance.isAt(point); i++) {
    if (instance.step()) continue;
    if (wait === undefined || !instance.alive) break;
    wait();
  }
  return instance.alive ? instance.crash(point) : null;
}

/** Restart a crashed `instance`; false when it was running (a no-op). */
export function restartInstance(instance: InstanceHost): boolean {
  if (instance.alive) return false;
  instance.restart();
  return true;
}

/**
 * `crash`: kill -9 of an instance where it is, or, with `point` (an aim, from 1), after
 * stepping it toward the crash point the aim picks (`InstanceHost.aimAt`), which a crash where
 * the instance happens to be rarely hits. The reference runtime's aims are its points 1 to 8,
 * inside a cycle (after-poll .. during-fencing); point 7 (between the two commits of a split
 * commit) exists only in planted bugs: aimed at it, the reference runtime is stepped
 * {@link crashAimSteps} times and crashed where it is. A service's aims are the points it has
 * stood at, so every await its code makes is aimed at, and none it does not make.
 */
export const crashIntent = defineIntent({
  k: "crash",
  code: 5,
  fields: { instance: field.instance, point: field.optional(field.aim) },
  describe: (intent) =>
    intent.point === undefined
      ? `crash instance ${intent.instance}`
      : `crash instance ${intent.instance} (or the next with partitions) once it reaches ${crashPointNames[intent.point % crashPointNames.length]}`,
  apply(world, intent) {
    if (intent.point === undefined) return crashInstance(world.hostAt(intent.instance)) !== null;
    const host = aimedHost(world, intent.instance);
    return crashInstanceAt(host, host.aimAt(intent.point), crashAimSteps, () => world.wait(1)) !== null;
  },
});

/**
 * The host an aimed crash at instance `index` hits: that one when it runs with partitions
 * assigned, else the next such one (else the named one). Only an instance with partitions
 * reaches the crash points of an input's cycle; with more instances than partitions most
 * aimed crashes otherwise hit an idle instance and miss.
 */
function aimedHost(world: FaultWorld, index: number): InstanceHost {
  const count = world.hosts.length;
  for (let i = 0; i < count; i++) {
    const host = world.hostAt(index + i);
    if (host.alive && world.hasAssignment(host.id)) return host;
  }
  return world.hostAt(index);
}

/** `restart`: a crashed instance starts again on its disk. */
export const restartIntent = defineIntent({
  k: "restart",
  code: 6,
  fields: { instance: field.instance },
  describe: (intent) => `restart instance ${intent.instance}`,
  apply: (world, intent) => restartInstance(world.hostAt(intent.instance)),
});

/** The crash fault kind. */
export const crashFault = defineFault({
  kind: "crash",
  description: "kill -9 of an instance at its current step, or stepped first to a chosen crash point (every crash point), later restarted on the same disk",
  intents: [crashIntent, restartIntent],
  draws: [crashIntent, restartIntent],
  heal(world) {
    for (const host of world.hosts) restartInstance(host);
  },
  // Bitten when an aimed crash landed on the point it was aimed at (the host records both).
  // Crashes where the instance happens to be land before a poll most of the time and would
  // count with aiming broken, and so would aimed crashes that missed: only a hit shows the
  // kind reaching the crash points it is there to reach (each still counts under its
  // `crash-point:` label).
  coverage: { ops: [Op.crash], bit: () => (_op, _instance, hit, aim) => aim > 0 && hit === aim - 1 },
});
