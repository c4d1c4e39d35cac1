/**
 * Rebalances: live instances leave and (re)join the consumer group, which bumps the
 * generation and moves partitions, so new owners restore from the changelog and old owners
 * keep stale local stores. Healing makes sure at least one live instance is a member, so the
 * drain can make progress.
 */
import type { InstanceHost } from "./fault-world.ts";

/** A live non-member joins; false when not applicable (a no-op). */
export function joinGroup(instance: InstanceHost): boolean {
  if (!instance.alive || instance.member) return false;
  instance.join();
  return true;
}

/** A live member leaves gracefully (and stays out until it joins); false when not applicable. */
export function leaveGroup(instance: InstanceHost): boolean {
  if (!instance.alive || !instance.member) return false;
  instance.leave();
  return true;
}

/** Heal: every live instance that is not a member (left, or session expired) rejoins. */
export function rejoinAll(instances: readonly InstanceHost[]): void {
  for (const instance of instances) joinGroup(instance);
}
