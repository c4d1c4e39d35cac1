/**
 * `eosim/fast-check`: the fast-check side of eosim, for properties of one's own over eosim's
 * schedules (e.g. `fc.sample(scheduleArbitrary(scenario.shape))`). An entry point of its own so
 * that eosim's main types do not reach fast-check's declarations, which some TypeScript
 * resolution modes (`moduleResolution: node10`) cannot read.
 */
export { scheduleArbitrary } from "./schedule/schedule-arbitrary.ts";
