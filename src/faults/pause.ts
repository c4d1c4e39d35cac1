/**
 * Pauses and zombies: a paused instance (a long GC pause, a stalled VM) stops stepping but
 * keeps its memory. Once it has been paused for the session timeout, the coordinator removes
 * it and gives its partitions away (the world's part, `sim/host.ts`). When it resumes it
 * still believes it owns them and goes on writing until it next polls: a zombie. Healing
 * resumes every paused instance.
 */
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

/** Heal: resume every paused instance. */
export function resumeAll(instances: readonly InstanceHost[]): void {
  for (const instance of instances) resumeInstance(instance);
}
