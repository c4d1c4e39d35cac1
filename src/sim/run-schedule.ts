/**
 * One run: build a world, play the schedule's intents (fault phase), heal, drain, and hand
 * back the view checkers read. Synchronous and deterministic: the same config and schedule
 * give the same history hash in any process.
 */
import { Op } from "../core/history.ts";
import { faultSettings } from "../faults/catalogue.ts";
import type { Schedule } from "../schedule/intent.ts";
import { interpret } from "./interpret.ts";
import { drain, heal, PhaseCode } from "./phases.ts";
import type { WorldConfig } from "./world-config.ts";
import { viewOf, type WorldView } from "./world-view.ts";
import { World } from "./world.ts";

/** Run `schedule` against a fresh world built from `config`. */
export function runSchedule(config: WorldConfig, schedule: Schedule): WorldView {
  const world = new World(config, { seed: schedule.seed, ...faultSettings(schedule.faultMix) });
  world.history.record(Op.phase, PhaseCode.faults, schedule.seed | 0);
  const intents = schedule.intents;
  for (let i = 0; i < intents.length; i++) interpret(world, intents[i], i);
  heal(world);
  return viewOf(world, drain(world));
}
