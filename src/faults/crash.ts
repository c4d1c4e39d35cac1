/**
 * Process crashes (kill -9) and restarts. A crash hits the instance wherever it is in its
 * cycle (the crash point is recorded), loses its memory and uncommitted transactions, and
 * ends its group session; a restart brings it back on the same disk. Healing restarts every
 * crashed instance.
 */
import type { InstanceHost } from "./fault-world.ts";

/** Crash `instance`; returns the crash point, or null when it was already down (a no-op). */
export function crashInstance(instance: InstanceHost): number | null {
  return instance.alive ? instance.crash() : null;
}

/**
 * Crash `instance` at crash point `point`: step it (at most `maxSteps` steps, as a `step`
 * intent would) until a crash would hit `point`, then crash it wherever it got to. A crash
 * where the instance happens to be lands between inputs most of the time, so the crash points
 * inside an input's cycle (after the poll, after the store commit, ...) are rarely hit; aimed,
 * each is about as easy to reach as the others. Returns the crash point hit, or null when the
 * instance was down (a no-op).
 */
export function crashInstanceAt(instance: InstanceHost, point: number, maxSteps: number): number | null {
  if (!instance.alive) return null;
  for (let i = 0; i < maxSteps && !instance.isAt(point); i++) if (!instance.step()) break;
  return instance.crash(instance.isAt(point) ? point : instance.crashPoint());
}

/** Restart a crashed `instance`; false when it was running (a no-op). */
export function restartInstance(instance: InstanceHost): boolean {
  if (instance.alive) return false;
  instance.restart();
  return true;
}

/** Heal: restart every crashed instance. */
export function restartAll(instances: readonly InstanceHost[]): void {
  for (const instance of instances) restartInstance(instance);
}
