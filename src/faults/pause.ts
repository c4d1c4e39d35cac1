/**
 * Pauses and zombies: a paused instance (a long GC pause, a stalled VM) stops stepping but
 * keeps its memory. Once it has been paused for the session timeout, the coordinator removes
 * it and gives its partitions away. When it resumes it still believes it owns them and goes
 * on writing until it next polls: a zombie. Healing resumes every paused instance.
 */
import type { ConsumerGroup } from "../broker/consumer-group.ts";
import { type History, Op } from "../core/history.ts";
import type { Instance } from "../runtime/instance.ts";

/** Pause a running instance; false when not applicable. */
export function pauseInstance(instance: Instance, nowTicks: number, history: History): boolean {
  if (!instance.alive || instance.paused) return false;
  instance.paused = true;
  instance.pausedAtTicks = nowTicks;
  history.record(Op.pause, instance.id);
  return true;
}

/** Resume a paused instance; false when it was not paused. */
export function resumeInstance(instance: Instance, history: History): boolean {
  if (!instance.paused) return false;
  instance.paused = false;
  history.record(Op.unpause, instance.id);
  return true;
}

/** Remove members paused for at least `sessionTimeoutTicks` from the group. */
export function expireSessions(group: ConsumerGroup, instances: readonly Instance[], nowTicks: number, sessionTimeoutTicks: number, history: History): void {
  for (const instance of instances) {
    if (instance.paused && nowTicks - instance.pausedAtTicks >= sessionTimeoutTicks && group.isMember(instance.id)) {
      history.record(Op.sessionExpired, instance.id);
      group.leave(instance.id);
    }
  }
}

/** Heal: resume every paused instance. */
export function resumeAll(instances: readonly Instance[], history: History): void {
  for (const instance of instances) resumeInstance(instance, history);
}
