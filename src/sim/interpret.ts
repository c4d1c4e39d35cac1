/**
 * Intent interpretation. Total by construction: indices wrap around the topology, and an
 * intent that cannot apply (crash a dead instance, retry with nothing pending, ...) is a
 * recorded no-op. The workload intents are applied here; a fault intent by its fault kind's
 * module, through the world's `FaultWorld` side. Every intent costs one tick of virtual time
 * (a `tick` intent more), after which sessions of members paused for too long expire.
 */
import { Op } from "../core/history.ts";
import { applyFaultIntent } from "../faults/catalogue.ts";
import { eventKindAt } from "../runtime/processor.ts";
import { builtEvent } from "../runtime/processor-contract.ts";
import { type Intent, intentCodes } from "../schedule/intent.ts";
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
  const host = world.hostAt(instanceIndex);
  let progressed = false;
  for (let i = 0; i < count; i++) progressed = host.step() || progressed;
  return progressed;
}

function apply(world: World, intent: Intent): boolean {
  switch (intent.k) {
    case "produce": {
      const { config } = world;
      const kind = eventKindAt(config.processor, intent.kind);
      const event = builtEvent(config.processor, intent.key % config.keys, intent.draw, world.eventsCreated++, kind);
      world.producerAt(intent.producer).produce(world.partitionOf(event.key), event.key, event.payload);
      return true;
    }
    case "retry":
      return world.producerAt(intent.producer).retry(intent.index);
    case "step":
      return step(world, intent.instance, intent.count);
    case "tick":
      world.clock.advance(intent.ticks);
      return true;
    default:
      return applyFaultIntent(world, intent);
  }
}
