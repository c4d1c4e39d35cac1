/**
 * The one codec for history fields that carry two or three small numbers in one integer.
 *
 * History records are four integers (`op`, `a`, `b`, `c`), so a record that must say who did
 * something to which partition of which topic packs those into one field. Every packing and
 * unpacking goes through here, with its bounds asserted when recording: a field that does not
 * fit would silently alias another instance or partition, and a checker would then judge the
 * wrong thing.
 *
 * Layouts (bits, low to high):
 * - partition slot: partition (8) | topic (2)                      `topicPartition`
 * - actor slot:     partition (8) | topic (2) | actor (8)          `actorSlot`
 * - store slot:     partition (8) | instance (8)                   `storeSlot`
 * - count/outcome:  outcome (3) | count (rest)                     `countOutcome`
 *
 * Actors are the ones who reach the broker: service instances 0..127 and upstream producers,
 * coded 128 + producer id ({@link producerActor}).
 */
import { HarnessError } from "./invariant.ts";

// Checks throw directly rather than through `invariant(cond, () => message)`: these run on
// every append, fetch and commit, and a closure per call costs more than the packing itself.
function unpackable(what: string): never {
  throw new HarnessError(`cannot pack ${what} into a history field`);
}

const partitionBits = 8;
const partitionMask = (1 << partitionBits) - 1;
const topicMask = 3;
const actorMask = 255;

/** The actor code of upstream producer `id` (instances are coded by their id). */
export function producerActor(id: number): number {
  return 128 + id;
}

/** Whether an actor code names an upstream producer rather than a service instance. */
export function isProducerActor(actor: number): boolean {
  return actor >= 128;
}

/** Pack a topic code (0..3) and a partition (0..255). */
export function topicPartition(topic: number, partition: number): number {
  if (!(partition >= 0 && partition <= partitionMask && topic >= 0 && topic <= topicMask)) unpackable(`topic ${topic} partition ${partition}`);
  return (topic << partitionBits) | partition;
}

/** Pack who (an actor code), which topic and which partition. */
export function actorSlot(actor: number, topic: number, partition: number): number {
  if (!(actor >= 0 && actor <= actorMask)) unpackable(`actor ${actor}`);
  return (actor << (partitionBits + 2)) | topicPartition(topic, partition);
}

/** Pack a store namespace: which instance's disk, which partition. */
export function storeSlot(instance: number, partition: number): number {
  if (!(instance >= 0 && instance <= actorMask && partition >= 0 && partition <= partitionMask)) unpackable(`the store of instance ${instance} partition ${partition}`);
  return (instance << partitionBits) | partition;
}

/** Pack a record count and a send outcome code (0..7). */
export function countOutcome(count: number, outcome: number): number {
  if (!(count >= 0 && outcome >= 0 && outcome <= 7)) unpackable(`count ${count} outcome ${outcome}`);
  return count * 8 + outcome;
}

/** The partition of a partition, actor or store slot. */
export function slotPartition(packed: number): number {
  return packed & partitionMask;
}

/** The topic of a partition or actor slot. */
export function slotTopic(packed: number): number {
  return (packed >> partitionBits) & topicMask;
}

/** The actor of an actor slot. */
export function slotActor(packed: number): number {
  return packed >> (partitionBits + 2);
}

/** The instance of a store slot. */
export function slotInstance(packed: number): number {
  return packed >> partitionBits;
}

/** The count of a count/outcome field. */
export function packedCount(packed: number): number {
  return Math.floor(packed / 8);
}

/** The outcome code of a count/outcome field. */
export function packedOutcome(packed: number): number {
  return packed & 7;
}
