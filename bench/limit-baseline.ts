/**
 * The limit eosim is measured against (`limitRatio`): generating the same schedules with
 * fast-check alone (one `fc.check` over the seed, no chunks) and folding each schedule's
 * input events through the processor into a Map, the bare cost of generating and applying
 * the work, with no broker, store, faults, history or checkers.
 */
import fc from "fast-check";
import { dedupeIdOf } from "../src/core/ids.ts";
import type { Scenario } from "../src/scenario/scenario.ts";
import type { Schedule } from "../src/schedule/intent.ts";
import { scheduleArbitrary } from "../src/schedule/schedule-arbitrary.ts";

/** Fold the produce intents of `schedule` into a fresh state Map. */
function foldInputs(scenario: Scenario, schedule: Schedule): number {
  const { processor, keys } = scenario.world;
  const state = new Map<string, unknown>();
  const view = { get: (key: string) => state.get(key) };
  let created = 0;
  for (const intent of schedule.intents) {
    if (intent.k !== "produce") continue;
    const event = processor.makeEvent(intent.key % keys, intent.draw, created);
    const result = processor.process(view, { dedupeId: dedupeIdOf(intent.producer, created++), key: event.key, payload: event.payload });
    for (const write of result.writes ?? []) {
      if (write.value === null) state.delete(write.key);
      else state.set(write.key, write.value);
    }
  }
  return state.size;
}

/** Seconds to generate and fold the `runs` schedules `scenario` gets from `seed`. */
export function baselineSeconds(scenario: Scenario, seed: number, runs: number): number {
  const property = fc.property(scheduleArbitrary(scenario.shape), (schedule) => foldInputs(scenario, schedule) >= 0);
  const started = performance.now();
  const details = fc.check(property, { seed, numRuns: runs });
  const seconds = (performance.now() - started) / 1000;
  if (details.failed || details.numRuns !== runs) throw new Error(`baseline ran ${details.numRuns} of ${runs} schedules`);
  return seconds;
}
