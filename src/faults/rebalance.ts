/**
 * Rebalances: live instances leave and (re)join the consumer group, which bumps the
 * generation and moves partitions, so new owners restore from the changelog and old owners
 * keep stale local stores. Healing makes sure at least one live instance is a member, so the
 * drain can make progress.
 */
import type { ConsumerGroup } from "../broker/consumer-group.ts";
import type { Instance } from "../runtime/instance.ts";

/** A live non-member joins; false when not applicable (a no-op). */
export function joinGroup(group: ConsumerGroup, instance: Instance): boolean {
  if (!instance.alive || group.isMember(instance.id)) return false;
  instance.left = false;
  return group.join(instance.id);
}

/** A live member leaves gracefully (and stays out until it joins); false when not applicable. */
export function leaveGroup(group: ConsumerGroup, instance: Instance): boolean {
  if (!instance.alive || !group.isMember(instance.id)) return false;
  instance.left = true;
  return group.leave(instance.id);
}

/** Heal: every live instance that is not a member (left, or session expired) rejoins. */
export function rejoinAll(group: ConsumerGroup, instances: readonly Instance[]): void {
  for (const instance of instances) {
    if (instance.alive && !group.isMember(instance.id)) joinGroup(group, instance);
  }
}

