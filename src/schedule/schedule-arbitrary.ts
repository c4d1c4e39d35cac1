/**
 * The fast-check arbitrary of schedules. Swarm testing: every schedule first draws a weight
 * from 0 to 3 for each enabled fault kind (0 = off for this run), then its intents from a mix
 * weighted accordingly, so some runs are storms of one fault and others are calm. Intent
 * fields are small integers that fast-check shrinks towards 0 (the first instance, producer,
 * key), and whole intents shrink away, which drops faults and events that do not matter.
 */
import fc from "fast-check";
import { type FaultKind, type FaultMix, faultKinds } from "../faults/fault-kind.ts";
import type { Intent, Schedule } from "./intent.ts";

/** What the schedule generator needs to know about the world. */
export interface ScheduleShape {
  readonly instances: number;
  readonly producers: number;
  readonly partitions: number;
  readonly keys: number;
  /** Fault kinds that may appear. */
  readonly faults: readonly FaultKind[];
  readonly minIntents: number;
  readonly maxIntents: number;
}

const nat = (bound: number) => fc.nat({ max: Math.max(0, bound - 1) });

function workloadIntents(shape: ScheduleShape) {
  return [
    { weight: 6, arbitrary: fc.tuple(nat(shape.producers), nat(shape.keys), fc.nat({ max: 999 })).map(([producer, key, draw]): Intent => ({ k: "produce", producer, key, draw })) },
    { weight: 12, arbitrary: fc.tuple(nat(shape.instances), fc.integer({ min: 1, max: 8 })).map(([instance, count]): Intent => ({ k: "step", instance, count })) },
  ];
}

function faultIntents(kind: FaultKind, shape: ScheduleShape): fc.Arbitrary<Intent>[] {
  const instance = nat(shape.instances);
  switch (kind) {
    case "lost-ack":
      return [
        fc.constantFrom<0 | 1 | 2>(0, 1, 2).map((target): Intent => ({ k: "lost-ack", target })),
        nat(shape.producers).map((producer): Intent => ({ k: "retry", producer })),
      ];
    case "crash":
      return [instance.map((i): Intent => ({ k: "crash", instance: i })), instance.map((i): Intent => ({ k: "restart", instance: i }))];
    case "rebalance":
      return [instance.map((i): Intent => ({ k: "leave", instance: i })), instance.map((i): Intent => ({ k: "join", instance: i }))];
    case "compaction":
      return [nat(shape.partitions).map((partition): Intent => ({ k: "compact", partition }))];
  }
}

/** Arbitrary per-run weights for the enabled fault kinds. */
export function faultMixArbitrary(enabled: readonly FaultKind[]): fc.Arbitrary<FaultMix> {
  const fields = Object.fromEntries(faultKinds.map((kind) => [kind, enabled.includes(kind) ? fc.nat({ max: 3 }) : fc.constant(0)]));
  return fc.record(fields) as unknown as fc.Arbitrary<FaultMix>;
}

/** Intents for a given fault mix. */
export function intentsArbitrary(shape: ScheduleShape, mix: FaultMix): fc.Arbitrary<Intent[]> {
  const options = workloadIntents(shape);
  for (const kind of shape.faults) {
    const weight = mix[kind];
    if (weight === 0) continue;
    for (const arbitrary of faultIntents(kind, shape)) options.push({ weight, arbitrary });
  }
  return fc.array(fc.oneof(...options), { minLength: shape.minIntents, maxLength: shape.maxIntents });
}

/** The arbitrary of whole schedules. */
export function scheduleArbitrary(shape: ScheduleShape): fc.Arbitrary<Schedule> {
  return fc
    .tuple(fc.integer(), faultMixArbitrary(shape.faults))
    .chain(([seed, faultMix]) => intentsArbitrary(shape, faultMix).map((intents): Schedule => ({ seed, faultMix, intents })));
}
