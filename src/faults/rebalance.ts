/**
 * Rebalances: live instances leave and (re)join the consumer group, which bumps the
 * generation and moves partitions, so new owners restore from the changelog and old owners
 * keep stale local stores. Healing makes every live instance a member again (left, or
 * session expired), so the drain can make progress.
 */
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import type { InstanceHost } from "./fault-world.ts";

/** A live non-member joins; false when not applicable (a no-op), as for one shutting itself down. */
export function joinGroup(instance: InstanceHost): boolean {
  if (!instance.alive || instance.member || instance.stopping) return false;
  instance.join();
  return true;
}

/**
 * A live member leaves gracefully (and stays out until it joins); false when not applicable.
 * A service that handles SIGTERM is sent one instead and shuts down on its own, and a new
 * process starts once it exits: a rolling restart, the graceful leave a deploy makes.
 */
export function leaveGroup(instance: InstanceHost): boolean {
  // One shutting itself down is leaving already (a second SIGTERM would kill it, not leave).
  if (!instance.alive || !instance.member || instance.stopping) return false;
  instance.leave();
  return true;
}

/** `join`: a live instance that is not a member joins the group. */
export const joinIntent = defineIntent({
  k: "join",
  code: 7,
  fields: { instance: field.instance },
  describe: (intent) => `join instance ${intent.instance}`,
  apply: (world, intent) => joinGroup(world.hostAt(intent.instance)),
});

/** `leave`: a live member leaves the group gracefully. */
export const leaveIntent = defineIntent({
  k: "leave",
  code: 8,
  fields: { instance: field.instance },
  describe: (intent) => `leave instance ${intent.instance}`,
  apply: (world, intent) => leaveGroup(world.hostAt(intent.instance)),
});

/** The rebalance fault kind. */
export const rebalanceFault = defineFault({
  kind: "rebalance",
  description: "instances leave and join the group; partitions move and are restored elsewhere",
  intents: [joinIntent, leaveIntent],
  draws: [leaveIntent, joinIntent],
  heal(world) {
    for (const host of world.hosts) joinGroup(host);
  },
  coverage: { ops: [Op.intent], bit: () => (_op, _index, code, applied) => applied === 1 && (code === joinIntent.code || code === leaveIntent.code) },
});
