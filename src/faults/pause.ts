/**
 * Pauses and zombies: a paused instance (a long GC pause, a stalled VM) stops stepping but
 * keeps its memory. Once it has been paused for the session timeout, the coordinator removes
 * it and gives its partitions away (the world's part, `sim/host.ts`). When it resumes it
 * still believes it owns them and goes on writing until it next polls: a zombie. Schedules
 * draw pauses and resumes with longer ticks (5 to 30), so sessions do expire. Healing
 * resumes every paused instance.
 */
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import type { InstanceHost } from "./fault-world.ts";

/** Pause a running instance; false when not applicable. */
export function pauseInstance(instance: InstanceHost): boolean {
  if (!instance.alive || instance.paused) return false;
  instance.pause();
  return true;
}

/** Resume a paused instance; false when it was not paused. */
export function resumeInstance(instance: InstanceHost): boolean {
  if (!instance.paused) return false;
  instance.resume();
  return true;
}

/** `pause`: stall a running instance. */
export const pauseIntent = defineIntent({
  k: "pause",
  code: 14,
  fields: { instance: field.instance },
  describe: (intent) => `pause instance ${intent.instance}`,
  apply: (world, intent) => pauseInstance(world.hostAt(intent.instance)),
});

/** `resume`: a paused instance runs again (a zombie if its session expired meanwhile). */
export const resumeIntent = defineIntent({
  k: "resume",
  code: 15,
  fields: { instance: field.instance },
  describe: (intent) => `resume instance ${intent.instance}`,
  apply: (world, intent) => resumeInstance(world.hostAt(intent.instance)),
});

/** The pause fault kind. */
export const pauseFault = defineFault({
  kind: "pause",
  description: "an instance pauses past its session timeout and resumes as a zombie",
  intents: [pauseIntent, resumeIntent],
  draws: [pauseIntent, resumeIntent, { k: "tick", fields: { ticks: field.int(5, 30) } }],
  heal(world) {
    for (const host of world.hosts) resumeInstance(host);
  },
  coverage: { ops: [Op.sessionExpired] },
});
