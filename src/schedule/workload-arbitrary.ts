/**
 * The workload part of schedules: produce intents, shaped by the scenario's `workload` option.
 *
 * - Without `workload.mix` a produce intent has no `kind` and the processor picks the kind
 *   from `draw`, as produce intents always did, so repro files written before event kinds
 *   existed replay unchanged.
 * - With `workload.mix` every produce intent carries a `kind` drawn with the mix's weights.
 *   Kinds of weight 0 are left out of the draw altogether, and fast-check may shrink a kind
 *   to the first kind that has a weight.
 * - With `workload.events` a schedule holds between `events.min` and `events.max` produce
 *   intents, placed among the other intents (see {@link withEvents}).
 * - One `draw` in three comes from a tiny range, so events on one key repeat exactly (see
 *   `drawArbitrary`).
 */
import fc from "fast-check";
import type { Intent } from "./intent.ts";
import type { ScheduleShape } from "./schedule-shape.ts";

/** An index in [0, bound), shrinking toward 0 (the first producer, key, instance...). */
export const indexBelow = (bound: number): fc.Arbitrary<number> => fc.nat({ max: Math.max(0, bound - 1) });

/** Event kind indices drawn by weight; weight 0 is never drawn. */
function kindArbitrary(weights: readonly number[]): fc.Arbitrary<number> {
  const drawn = weights.flatMap((weight, kind) => (weight > 0 ? [{ weight, arbitrary: fc.constant(kind) }] : []));
  return fc.oneof({ withCrossShrink: true }, ...drawn);
}

/** Draws 0-999 spread an event's content over the processor's whole range, as they always did. */
const drawMax = 999;
/** The tiny range of repeating draws: 0-2 (on the bank ledger: withdraw 1, deposit 2, deposit 3). */
const repeatingDraws = 3;
/** Source values above {@link drawMax} that map onto the tiny range: one draw in three. */
const repeatingSlots = 500;

/**
 * The `draw` of a produce intent. One draw in three comes from a tiny range, so that events
 * on one key repeat exactly (two deposits of 2 to one account): equal events that are not
 * duplicates, which a consumer that deduplicates by content merges (the planted bug
 * `dedupe-by-content`). The other draws spread over 0-999 as before.
 *
 * One natural number mapped, rather than an `fc.oneof` of two ranges: it takes as many random
 * numbers from the seed as the single range did, so a seed still generates the same intents
 * in the same order with the same faults, and only the draws differ. It shrinks toward 0:
 * fast-check shrinks the source value, and every source value from 0 to 999 is its own draw.
 */
const drawArbitrary: fc.Arbitrary<number> = fc
  .nat({ max: drawMax + repeatingSlots })
  .map((source) => (source <= drawMax ? source : (source - drawMax - 1) % repeatingDraws));

/** One produce intent. */
export function produceArbitrary(shape: ScheduleShape): fc.Arbitrary<Intent> {
  const producer = indexBelow(shape.producers);
  const key = indexBelow(shape.keys);
  const draw = drawArbitrary;
  if (shape.eventKindWeights === undefined) {
    return fc.tuple(producer, key, draw).map(([p, k, d]): Intent => ({ k: "produce", producer: p, key: k, draw: d }));
  }
  return fc.tuple(producer, key, draw, kindArbitrary(shape.eventKindWeights)).map(([p, k, d, kind]): Intent => ({ k: "produce", producer: p, key: k, draw: d, kind }));
}

/**
 * Slots a produce intent can take. A slot is a fraction of the schedule rather than an
 * absolute position, so produce intents spread over the whole schedule however many other
 * intents it holds.
 */
const slotCount = 1 << 16;

/**
 * Place produce intents among `others`: a produce intent at slot `s` comes after
 * `floor(s * (others.length + 1) / slotCount)` of the other intents; produce intents at the
 * same place keep their generated order. A pure function of the generated values, so the
 * same seed gives the same schedule.
 */
export function interleave(others: readonly Intent[], produces: readonly (readonly [slot: number, intent: Intent])[]): Intent[] {
  const placed = produces.map(([slot, intent]) => ({ after: Math.floor((slot * (others.length + 1)) / slotCount), intent }));
  placed.sort((a, b) => a.after - b.after); // stable: ties keep their generated order
  const out: Intent[] = [];
  let next = 0;
  for (let i = 0; i <= others.length; i++) {
    while (next < placed.length && placed[next].after === i) out.push(placed[next++].intent);
    if (i < others.length) out.push(others[i]);
  }
  return out;
}

/**
 * Schedules with a fixed number of events: `others` (the non-produce intents) plus
 * `events.min` to `events.max` produce intents, each with its own slot. Both lists and the
 * slots are plain fast-check values, so shrinking drops produce intents (down to
 * `events.min`), drops other intents and moves produce intents earlier (slots toward 0).
 */
export function withEvents(others: fc.Arbitrary<Intent[]>, shape: ScheduleShape, events: { readonly min: number; readonly max: number }): fc.Arbitrary<Intent[]> {
  // size "max": the whole range, as with the intents (see `intentsArbitrary`).
  const produces = fc.array(fc.tuple(fc.nat({ max: slotCount - 1 }), produceArbitrary(shape)), { minLength: events.min, maxLength: events.max, size: "max" });
  return fc.tuple(others, produces).map(([rest, placed]) => interleave(rest, placed));
}
