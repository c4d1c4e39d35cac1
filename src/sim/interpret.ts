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
import { pauseInstance, resumeInstance } from "../faults/pause.ts";
import { joinGroup, leaveGroup } from "../faults/rebalance.ts";
import { retryOutOfOrder } from "../faults/reorder.ts";
import { truncateInput } from "../faults/truncation.ts";
import { republish } from "../faults/upstream-duplicate.ts";
import { eventKindAt } from "../runtime/processor.ts";
import { crashAimSteps, type Intent, intentCodes } from "../schedule/intent.ts";
import type { World } from "./world.ts";

/** Apply one intent to the world; returns whether it did anything. */
export function interpret(world: World, intent: Intent, index: number): boolean {
  const applied = apply(world, intent);
  world.history.record(Op.intent, index, intentCodes[intent.k], applied ? 1 : 0);
  world.history.markStep();
  world.clock.advance(1);
  world.expireSessions();
  return applied;
}

function step(world: World, instanceIndex: number, count: number): boolean {
  const instance = world.hostAt(instanceIndex);
  let progressed = false;
  for (let i = 0; i < count; i++) progressed = instance.step() || progressed;
  return progressed;
}

function apply(world: World, intent: Intent): boolean {
  const { config } = world;
  switch (intent.k) {
    case "produce": {
      const kind = eventKindAt(config.processor, intent.kind);
      const event = config.processor.makeEvent(intent.key % config.keys, intent.draw, world.eventsCreated++, kind);
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
      if (intent.point === undefined) return crashInstance(world.hostAt(intent.instance)) !== null;
      return crashInstanceAt(world.hostAt(intent.instance), intent.point % world.hostAt(intent.instance).crashPointCount, crashAimSteps) !== null;
    case "restart":
      return restartInstance(world.hostAt(intent.instance));
    case "wipe":
      return wipeDisk(world.hostAt(intent.instance));
    case "join":
      return joinGroup(world.hostAt(intent.instance));
    case "leave":
      return leaveGroup(world.hostAt(intent.instance));
    case "pause":
      return pauseInstance(world.hostAt(intent.instance));
    case "resume":
      return resumeInstance(world.hostAt(intent.instance));
    case "compact":
      compactChangelog(world, world.partitionAt(intent.partition));
      return true;
    case "truncate":
      return truncateInput(world, world.partitionAt(intent.partition));
    case "republish":
      return republish(world.producerAt(intent.producer), intent.distance);
  }
}
