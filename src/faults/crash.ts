/**
 * Process crashes (kill -9) and restarts. A crash hits the instance wherever it is in its
 * cycle (the crash point is recorded), loses its memory and uncommitted transactions, and
 * ends its group session; a restart brings it back on the same disk. Healing restarts every
 * crashed instance.
 */
import type { Instance } from "../runtime/instance.ts";
import type { CrashPoint } from "../runtime/task-phase.ts";

/** Crash `instance`; returns the crash point, or null when it was already down (a no-op). */
export function crashInstance(instance: Instance): CrashPoint | null {
  return instance.alive ? instance.crash() : null;
}

/** Restart a crashed `instance`; false when it was running (a no-op). */
export function restartInstance(instance: Instance): boolean {
  if (instance.alive) return false;
  instance.restart();
  return true;
}

/** Heal: restart every crashed instance. */
export function restartAll(instances: readonly Instance[]): void {
  for (const instance of instances) restartInstance(instance);
}
