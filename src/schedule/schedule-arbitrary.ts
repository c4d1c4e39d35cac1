/**
 * The fast-check arbitrary of schedules. Swarm testing: every schedule first draws a weight
 * from 0 to 3 for each enabled fault kind (0 = off for this run), then its intents from a mix
 * weighted accordingly, so some runs are storms of one fault and others are calm. Intent
 * fields are small integers that fast-check shrinks towards 0 (the first instance, producer,
 * key), and whole intents shrink away, which drops faults and events that do not matter.
 * Produce intents, which a scenario's `workload` option shapes, come from
 * `workload-arbitrary.ts`. Fault intents are drawn from what each fault kind's module
 * declares (its `draws`, in order, each at the kind's weight), generically over the kinds of
 * intent fields: this is the only place fault declarations meet fast-check.
 */
import fc from "fast-check";
import { faultModule } from "../faults/catalogue.ts";
import type { Field, FieldKind, FixedField, IntentDraw } from "../faults/fault-intent.ts";
import { type FaultKind, type FaultMix, faultKinds } from "../faults/fault-kind.ts";
import type { Intent, Schedule } from "./intent.ts";
import type { ScheduleShape } from "./schedule-shape.ts";
import { indexBelow as nat, produceArbitrary, withEvents } from "./workload-arbitrary.ts";

type Weighted = { weight: number; arbitrary: fc.Arbitrary<Intent> };

const target = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2);
// With an external database its requests are a fourth target (drawn only then: a shape
// without one generates exactly the schedules it always did).
const targetWithDatabase = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3);

/** The aims of the reference runtime's crashes: its crash points 1 to 8, inside a cycle. */
const referenceCrashAims = 8;

const workloadCache = new WeakMap<ScheduleShape, readonly Weighted[]>();

/** The workload's weighted intents (a fresh array, from arbitraries built once per shape). */
function workloadIntents(shape: ScheduleShape): Weighted[] {
  let cached = workloadCache.get(shape);
  if (cached === undefined) workloadCache.set(shape, (cached = buildWorkloadIntents(shape)));
  return [...cached];
}

function buildWorkloadIntents(shape: ScheduleShape): Weighted[] {
  const background: Weighted[] = [
    { weight: 12, arbitrary: fc.tuple(nat(shape.instances), fc.integer({ min: 1, max: 8 })).map(([instance, count]): Intent => ({ k: "step", instance, count })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((ticks): Intent => ({ k: "tick", ticks })) },
  ];
  // A fixed number of events is placed apart from the mix (withEvents). Otherwise produce
  // stays first in the mix, where it always was: the order is part of what a seed generates.
  if (shape.events !== undefined) return background;
  return [{ weight: 6, arbitrary: produceArbitrary(shape) }, ...background];
}

/** How a schedule draws each kind of intent field (see `faults/fault-intent.ts`). */
const fieldArbitraries = {
  instance: (_field, shape) => nat(shape.instances),
  producer: (_field, shape) => nat(shape.producers),
  partition: (_field, shape) => nat(shape.partitions),
  target: (_field, shape) => (shape.database === true ? targetWithDatabase : target),
  distance: (_field, shape) => fc.nat({ max: shape.republishDistanceMax }),
  aim: (_field, shape) => fc.integer({ min: 1, max: shape.crashAims ?? referenceCrashAims }),
  int: (field) => fc.integer({ min: field.min, max: field.max }),
} satisfies { readonly [K in FieldKind]: (field: Extract<Field, { readonly kind: K }>, shape: ScheduleShape) => fc.Arbitrary<number> };

function fieldArbitrary(field: Field, shape: ScheduleShape): fc.Arbitrary<number> {
  // Each entry takes the fields of its own kind, which `field.kind` selects.
  const arbitraryOf = fieldArbitraries[field.kind] as (field: Field, shape: ScheduleShape) => fc.Arbitrary<number>;
  return arbitraryOf(field, shape);
}

/**
 * Intents `{ k, ...fields }` with the fields in `fields` order: one drawn field maps its
 * arbitrary, several map a tuple of theirs, fixed fields take their value. (These shapes
 * are what a seed generates: keep them.)
 */
function fieldsArbitrary(k: string, fields: readonly (readonly [string, Field | FixedField])[], shape: ScheduleShape): fc.Arbitrary<Intent> {
  const drawn = fields.flatMap(([, f]) => (f.kind === "fixed" ? [] : [fieldArbitrary(f, shape)]));
  const build = (values: readonly number[]): Intent => {
    const intent: Record<string, string | number> = { k };
    let next = 0;
    for (const [name, f] of fields) intent[name] = f.kind === "fixed" ? f.value : values[next++];
    return intent as unknown as Intent; // the declaration's fields, so the declared intent
  };
  if (drawn.length === 0) return fc.constant(build([]));
  if (drawn.length === 1) return drawn[0].map((value) => build([value]));
  return fc.tuple(...drawn).map(build);
}

/** One draw of a fault kind: without its optional fields or with them, half the time each. */
function drawArbitrary(draw: IntentDraw, shape: ScheduleShape): fc.Arbitrary<Intent> {
  const all = Object.entries(draw.fields);
  const required = all.filter(([, f]) => f.kind === "fixed" || f.optional !== true);
  if (required.length === all.length) return fieldsArbitrary(draw.k, all, shape);
  return fc.oneof(fieldsArbitrary(draw.k, required, shape), fieldsArbitrary(draw.k, all, shape));
}

// Built once per shape and kind, not per schedule: the intents' arbitraries do not depend on
// the mix (only their weights do), and building them from the declared fields allocates a
// closure per field, which cost about a tenth of a schedule when it was done per schedule.
const faultIntentsCache = new WeakMap<ScheduleShape, Map<FaultKind, fc.Arbitrary<Intent>[]>>();

function faultIntents(kind: FaultKind, shape: ScheduleShape): fc.Arbitrary<Intent>[] {
  let byKind = faultIntentsCache.get(shape);
  if (byKind === undefined) faultIntentsCache.set(shape, (byKind = new Map()));
  let arbitraries = byKind.get(kind);
  if (arbitraries === undefined) byKind.set(kind, (arbitraries = faultModule(kind).draws.map((draw) => drawArbitrary(draw, shape))));
  return arbitraries;
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
  // size "max": lengths over the whole `{ min, max }` range. fast-check's default size
  // generates at most about 20 more than the minimum whatever the maximum, so schedules asked
  // for 10-80 intents held 10-30 (median 19), too few for most faults to bite.
  const intents = fc.array(fc.oneof(...options), { minLength: shape.minIntents, maxLength: shape.maxIntents, size: "max" });
  return shape.events === undefined ? intents : withEvents(intents, shape, shape.events);
}

/** The arbitrary of whole schedules. */
export function scheduleArbitrary(shape: ScheduleShape): fc.Arbitrary<Schedule> {
  if (shape.fixed !== undefined) return fc.constant(shape.fixed);
  const mix = shape.faultWeights === undefined ? faultMixArbitrary(shape.faults) : fc.constant(shape.faultWeights);
  return fc
    .tuple(fc.integer(), mix)
    .chain(([seed, faultMix]) => intentsArbitrary(shape, faultMix).map((intents): Schedule => ({ seed, faultMix, intents })));
}
