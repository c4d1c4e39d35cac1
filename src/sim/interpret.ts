/**
 * Intent interpretation. Total by construction: indices wrap around the topology, and an
 * intent that cannot apply (crash a dead instance, retry with nothing pending, ...) is a
 * recorded no-op. Every intent costs one tick of virtual time.
 */
import { Op } from "../core/history.ts";
import { compactChangelog } from "../faults/compaction.ts";
import { crashInstance, restartInstance } from "../faults/crash.ts";
import { joinGroup, leaveGroup } from "../faults/rebalance.ts";
import { type Intent, intentCodes } from "../schedule/intent.ts";
import type { World } from "./world.ts";

/** Apply one intent to the world; returns whether it did anything. */
export function interpret(world: World, intent: Intent, index: number): boolean {
  const applied = apply(world, intent);
  world.history.record(Op.intent, index, intentCodes[intent.k], applied ? 1 : 0);
  world.history.markStep();
  world.clock.advance(1);
  return applied;
}

function apply(world: World, intent: Intent): boolean {
  const { config } = world;
  switch (intent.k) {
    case "produce": {
      const event = config.processor.makeEvent(intent.key % config.keys, intent.draw);
      world.producers[intent.producer % config.producers].produce(world.partitionOf(event.key), event.key, event.payload);
      return true;
    }
    case "retry":
      return world.producers[intent.producer % config.producers].retry();
    case "step": {
      const instance = world.instances[intent.instance % config.instances];
      let progressed = false;
      for (let i = 0; i < intent.count; i++) progressed = instance.step() || progressed;
      return progressed;
    }
    case "lost-ack":
      world.lostAcks.arm(intent.target);
      return true;
    case "crash":
      return crashInstance(world.instances[intent.instance % config.instances]) !== null;
    case "restart":
      return restartInstance(world.instances[intent.instance % config.instances]);
    case "join":
      return joinGroup(world.group, world.instances[intent.instance % config.instances]);
    case "leave":
      return leaveGroup(world.group, world.instances[intent.instance % config.instances]);
    case "compact":
      compactChangelog(world.broker, intent.partition % config.partitions);
      return true;
  }
}
