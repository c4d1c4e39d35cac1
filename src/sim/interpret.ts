/**
 * Intent interpretation. Total by construction: indices wrap around the topology, and an
 * intent that cannot apply (crash a dead instance, retry with nothing pending, ...) is a
 * recorded no-op. Every intent costs one tick of virtual time (a `tick` intent more), after
 * which sessions of members paused for too long expire.
 */
import { Op } from "../core/history.ts";
import { failNextAmbiguously } from "../faults/ambiguous-error.ts";
import { compactChangelog } from "../faults/compaction.ts";
import { crashInstance, crashInstanceAt, restartInstance } from "../faults/crash.ts";
import { wipeDisk } from "../faults/disk-wipe.ts";
import { loseNextAck } from "../faults/lost-ack.ts";
import { loseNextRequest } from "../faults/lost-request.ts";
import { expireSessions, pauseInstance, resumeInstance } from "../faults/pause.ts";
import { joinGroup, leaveGroup } from "../faults/rebalance.ts";
import { retryOutOfOrder } from "../faults/reorder.ts";
import { truncateInput } from "../faults/truncation.ts";
import { republish } from "../faults/upstream-duplicate.ts";
import { eventKindAt } from "../runtime/processor.ts";
import { builtEvent } from "../runtime/processor-contract.ts";
import { type CrashPoint, crashPointNames } from "../runtime/task-phase.ts";
import { crashAimSteps, type Intent, intentCodes } from "../schedule/intent.ts";
import type { World } from "./world.ts";

/** Apply one intent to the world; returns whether it did anything. */
export function interpret(world: World, intent: Intent, index: number): boolean {
  const applied = apply(world, intent);
  world.history.record(Op.intent, index, intentCodes[intent.k], applied ? 1 : 0);
  world.history.markStep();
  world.clock.advance(1);
  expireSessions(world.group, world.instances, world.clock.nowTicks, world.config.sessionTimeoutTicks, world.history);
  return applied;
}

function step(world: World, instanceIndex: number, count: number): boolean {
  const instance = world.instanceAt(instanceIndex);
  let progressed = false;
  for (let i = 0; i < count; i++) progressed = instance.step() || progressed;
  return progressed;
}

function apply(world: World, intent: Intent): boolean {
  const { config, history } = world;
  switch (intent.k) {
    case "produce": {
      const kind = eventKindAt(config.processor, intent.kind);
      const event = builtEvent(config.processor, intent.key % config.keys, intent.draw, world.eventsCreated++, kind);
      world.producerAt(intent.producer).produce(world.partitionOf(event.key), event.key, event.payload);
      return true;
    }
    case "retry":
      return retryOutOfOrder(world.producerAt(intent.producer), intent.index);
    case "step":
      return step(world, intent.instance, intent.count);
    case "tick":
      world.clock.advance(intent.ticks);
      return true;
    case "lost-ack":
      loseNextAck(world.network, intent.target);
      return true;
    case "lost-request":
      loseNextRequest(world.network, intent.target);
      return true;
    case "ambiguous-error":
      failNextAmbiguously(world.network, intent.target);
      return true;
    case "crash":
      if (intent.point === undefined) return crashInstance(world.instanceAt(intent.instance)) !== null;
      return crashInstanceAt(world.instanceAt(intent.instance), (intent.point % crashPointNames.length) as CrashPoint, crashAimSteps) !== null;
    case "restart":
      return restartInstance(world.instanceAt(intent.instance));
    case "wipe":
      return wipeDisk(world.instanceAt(intent.instance), history);
    case "join":
      return joinGroup(world.group, world.instanceAt(intent.instance));
    case "leave":
      return leaveGroup(world.group, world.instanceAt(intent.instance));
    case "pause":
      return pauseInstance(world.instanceAt(intent.instance), world.clock.nowTicks, history);
    case "resume":
      return resumeInstance(world.instanceAt(intent.instance), history);
    case "compact":
      compactChangelog(world.broker, intent.partition % config.partitions);
      return true;
    case "truncate":
      return truncateInput(world.broker, world.group, intent.partition % config.partitions);
    case "republish":
      return republish(world.producerAt(intent.producer), intent.distance);
  }
}
