/**
 * Drawing schedules straight from fast-check's random stream: value for value the schedules
 * `scheduleArbitrary` generates, from the same random numbers in the same order, without
 * fast-check's bookkeeping for shrinking (a `Value` and a shrink context for every number,
 * tuple and choice drawn, which cost a sixth of a schedule on the reference workload).
 *
 * Only a chunk's first pass draws this way (`run/run-chunk.ts`): it never shrinks, and once a
 * schedule fails, fast-check regenerates it from its path with the real arbitrary, which is
 * checked to give the same schedule, and shrinks that. Each function below mirrors one
 * fast-check arbitrary (its `generate`, fast-check 4): how it takes random numbers, including
 * the bias fast-check gives early runs. A test compares the two over many seeds and shapes
 * (`test/schedule/schedule-draw.test.ts`), so a fast-check upgrade that draws differently fails
 * there, not in a user's run. Shapes this file does not mirror (`workload.events`) draw
 * through fast-check as before.
 */
import fc from "fast-check";
import { faultModule } from "../faults/catalogue.ts";
import type { Field, FixedField, IntentDraw } from "../faults/fault-intent.ts";
import { type FaultKind, type FaultMix, faultKinds } from "../faults/fault-kind.ts";
import type { Intent, Schedule } from "./intent.ts";
import type { ScheduleShape } from "./schedule-shape.ts";

/** A value drawn from `mrng` under fast-check's bias factor (undefined: unbiased). */
export type Draw<T> = (mrng: fc.Random, bias: number | undefined) => T;

/** fast-check's `integerLogLike`. */
const logLike = (v: number): number => Math.floor(Math.log(v) / Math.log(2));

/** fast-check's `biasNumericRange` for integers, as `[min, max]` pairs. */
function biasedRanges(min: number, max: number): (readonly [number, number])[] {
  if (min === max) return [[min, max]];
  if (min < 0 && max > 0) {
    const logMin = logLike(-min);
    const logMax = logLike(max);
    return [
      [-logMin, logMax],
      [max - logMax, max],
      [min, min + logMin],
    ];
  }
  const logGap = logLike(max - min);
  const nearMin = [min, min + logGap] as const;
  const nearMax = [max - logGap, max] as const;
  return min < 0 ? [nearMax, nearMin] : [nearMin, nearMax];
}

/** `fc.integer({ min, max })` (and `fc.nat`): one time in `bias`, from a small range near a bound. */
function integer(min: number, max: number): Draw<number> {
  const ranges = biasedRanges(min, max);
  return (mrng, bias) => {
    if (bias === undefined || mrng.nextInt(1, bias) !== 1) return mrng.nextInt(min, max);
    if (ranges.length === 1) return mrng.nextInt(ranges[0][0], ranges[0][1]);
    const id = mrng.nextInt(-2 * (ranges.length - 1), ranges.length - 2);
    const range = id < 0 ? ranges[0] : ranges[id + 1];
    return mrng.nextInt(range[0], range[1]);
  };
}

/** `fc.constantFrom(...values)`: never biased. */
function constantFrom<T>(values: readonly T[]): Draw<T> {
  if (values.length === 1) return () => values[0];
  return (mrng) => values[mrng.nextInt(0, values.length - 1)];
}

/**
 * `fc.oneof` of weighted draws, at depth 0 (no enclosing `oneof` shares its depth context, so
 * the depth bias adds nothing to the lower bound of the pick).
 */
function oneof<T>(weights: readonly number[], draws: readonly Draw<T>[]): Draw<T> {
  const cumulated: number[] = [];
  let total = 0;
  for (const weight of weights) cumulated.push((total += weight));
  return (mrng, bias) => {
    const selected = mrng.nextInt(0, total - 1);
    let i = 0;
    while (selected >= cumulated[i]) i++;
    return draws[i](mrng, bias);
  };
}

/** `fc.array(item, { minLength, maxLength, size: "max" })` without custom slices. */
function array<T>(item: Draw<T>, minLength: number, maxLength: number): (mrng: fc.Random, bias: number | undefined, out: T[]) => T[] {
  const biasedMax = minLength === maxLength ? minLength : minLength + Math.floor(Math.log(maxLength - minLength) / Math.log(2));
  return (mrng, bias, out) => {
    let length: number;
    let itemBias: number | undefined;
    if (bias === undefined) length = mrng.nextInt(minLength, maxLength);
    else if (minLength === maxLength) {
      length = mrng.nextInt(minLength, maxLength);
      itemBias = bias;
    } else if (mrng.nextInt(1, bias) !== 1) length = mrng.nextInt(minLength, maxLength);
    else if (mrng.nextInt(1, bias) !== 1) {
      length = mrng.nextInt(minLength, maxLength);
      itemBias = bias;
    } else {
      length = mrng.nextInt(minLength, biasedMax);
      itemBias = bias;
    }
    for (let i = 0; i < length; i++) out.push(item(mrng, itemBias));
    return out;
  };
}

// The arbitraries of `schedule-arbitrary.ts` and `workload-arbitrary.ts`, in their order.

const nat = (bound: number): Draw<number> => integer(0, Math.max(0, bound - 1));

function fieldDraw(field: Field, shape: ScheduleShape): Draw<number> {
  switch (field.kind) {
    case "instance":
      return nat(shape.instances);
    case "producer":
      return nat(shape.producers);
    case "partition":
      return nat(shape.partitions);
    case "target":
      return constantFrom(shape.database === true ? [0, 1, 2, 3] : [0, 1, 2]);
    case "distance":
      return integer(0, shape.republishDistanceMax);
    case "aim":
      return integer(1, shape.crashAims ?? 8);
    case "int":
      return integer(field.min, field.max);
  }
}

function fieldsDraw(k: string, fields: readonly (readonly [string, Field | FixedField])[], shape: ScheduleShape): Draw<Intent> {
  const names = fields.map(([name]) => name);
  const fixed = fields.map(([, f]) => (f.kind === "fixed" ? f.value : undefined));
  const draws = fields.map(([, f]) => (f.kind === "fixed" ? undefined : fieldDraw(f, shape)));
  const build = (mrng: fc.Random, bias: number | undefined): Intent => {
    const intent: Record<string, string | number> = { k };
    for (let i = 0; i < names.length; i++) intent[names[i]] = draws[i] === undefined ? fixed[i]! : draws[i]!(mrng, bias);
    return intent as unknown as Intent;
  };
  // fast-check's `fc.constant` hands out one object: so does this.
  if (draws.every((d) => d === undefined)) {
    const only = build(undefined as unknown as fc.Random, undefined);
    return () => only;
  }
  return build;
}

function intentDraw(draw: IntentDraw, shape: ScheduleShape): Draw<Intent> {
  const all = Object.entries(draw.fields);
  const required = all.filter(([, f]) => f.kind === "fixed" || f.optional !== true);
  if (required.length === all.length) return fieldsDraw(draw.k, all, shape);
  return oneof([1, 1], [fieldsDraw(draw.k, required, shape), fieldsDraw(draw.k, all, shape)]);
}

function produceDraw(shape: ScheduleShape): Draw<Intent> {
  const producer = nat(shape.producers);
  const key = nat(shape.keys);
  const source = integer(0, 1499);
  const drawOf = (s: number): number => (s <= 999 ? s : (s - 1000) % 3);
  const weights = shape.eventKindWeights;
  if (weights === undefined) return (mrng, bias) => ({ k: "produce", producer: producer(mrng, bias), key: key(mrng, bias), draw: drawOf(source(mrng, bias)) });
  const kinds = weights.flatMap((weight, kind) => (weight > 0 ? [kind] : []));
  const kind = oneof(
    kinds.map((k) => weights[k]),
    kinds.map((k) => () => k),
  );
  return (mrng, bias) => ({ k: "produce", producer: producer(mrng, bias), key: key(mrng, bias), draw: drawOf(source(mrng, bias)), kind: kind(mrng, bias) });
}

function faultMixDraw(enabled: readonly FaultKind[]): Draw<FaultMix> {
  const weights = faultKinds.map((kind) => (enabled.includes(kind) ? integer(0, 3) : undefined));
  return (mrng, bias) => {
    const values = weights.map((w) => (w === undefined ? 0 : w(mrng, bias)));
    // `fc.record` draws (unbiased) whether the object has a null prototype.
    const mix: Record<string, number> = mrng.nextInt(0, 1) === 1 ? Object.create(null) : {};
    faultKinds.forEach((kind, i) => (mix[kind] = values[i]));
    return mix as FaultMix;
  };
}

/**
 * The schedules of `shape`, drawn as `scheduleArbitrary(shape)` generates them; null for a
 * shape this file does not mirror (a fixed number of events).
 */
export function scheduleDraw(shape: ScheduleShape): Draw<Schedule> | null {
  const fixed = shape.fixed;
  if (fixed !== undefined) return () => fixed;
  if (shape.events !== undefined) return null;
  const seed = integer(-0x80000000, 0x7fffffff);
  const weights = shape.faultWeights;
  const mix: Draw<FaultMix> = weights === undefined ? faultMixDraw(shape.faults) : () => weights;
  const produce = produceDraw(shape);
  const step: Draw<Intent> = (() => {
    const instance = nat(shape.instances);
    const count = integer(1, 8);
    return (mrng, bias) => ({ k: "step", instance: instance(mrng, bias), count: count(mrng, bias) });
  })();
  const ticks = integer(1, 20);
  const tick: Draw<Intent> = (mrng, bias) => ({ k: "tick", ticks: ticks(mrng, bias) });
  const faults = faultKinds.map((kind) => (shape.faults.includes(kind) ? faultModule(kind).draws.map((d) => intentDraw(d, shape)) : []));
  // The mix of a schedule picks its intents' weights; one `oneof` per mix, built per schedule
  // as the arbitrary builds it (the weights are what differ).
  return (mrng, bias) => {
    const s = seed(mrng, bias);
    const faultMix = mix(mrng, bias);
    const weightsNow = [6, 12, 1];
    const drawsNow: Draw<Intent>[] = [produce, step, tick];
    for (const kind of shape.faults) {
      const weight = faultMix[kind];
      if (weight === 0) continue;
      for (const d of faults[faultKinds.indexOf(kind)]) {
        weightsNow.push(weight);
        drawsNow.push(d);
      }
    }
    const intents = array(oneof(weightsNow, drawsNow), shape.minIntents, shape.maxIntents)(mrng, bias, []);
    return { seed: s, faultMix, intents };
  };
}

/** Generates what {@link scheduleDraw} draws, and cannot shrink it (a chunk's first pass never shrinks). */
class DrawnSchedules extends fc.Arbitrary<Schedule> {
  constructor(private readonly draw: Draw<Schedule>) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Schedule> {
    return new fc.Value(this.draw(mrng, biasFactor), undefined);
  }

  canShrinkWithoutContext(_value: unknown): _value is Schedule {
    return false;
  }

  shrink(): fc.Stream<fc.Value<Schedule>> {
    return fc.Stream.nil();
  }
}

/**
 * The schedules of `shape` for a first pass that never shrinks, drawn by {@link scheduleDraw};
 * null where it does not mirror the shape (use the shrinkable arbitrary).
 */
export function drawnSchedules(shape: ScheduleShape): fc.Arbitrary<Schedule> | null {
  const draw = scheduleDraw(shape);
  return draw === null ? null : new DrawnSchedules(draw);
}
