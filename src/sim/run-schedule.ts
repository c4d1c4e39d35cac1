/**
 * One run: build a world, play the schedule's intents (fault phase), heal, drain, and hand
 * back the view checkers read. Synchronous and deterministic: the same config and schedule
 * give the same history hash in any process.
 */
import { Op } from "../core/history.ts";
import { faultSettings } from "../faults/catalogue.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { ServiceConfig } from "../service/service-config.ts";
import { ServiceError } from "../service/service-error.ts";
import { interpret } from "./interpret.ts";
import { drain, heal, PhaseCode } from "./phases.ts";
import type { WorldConfig } from "./world-config.ts";
import { viewOf, type WorldView } from "./world-view.ts";
import { World } from "./world.ts";

/** Run `schedule` against a fresh world built from `config`. */
export function runSchedule(config: WorldConfig, schedule: Schedule): WorldView {
  if (config.service !== undefined) return runServiceSchedule(config, config.service, schedule);
  const world = new World(config, { seed: schedule.seed, ...faultSettings(schedule.faultMix) });
  try {
    play(world, schedule);
    return viewOf(world, drain(world));
  } finally {
    world.close();
  }
}

function play(world: World, schedule: Schedule): void {
  world.history.record(Op.phase, PhaseCode.faults, schedule.seed | 0);
  const intents = schedule.intents;
  for (let i = 0; i < intents.length; i++) {
    world.step = i;
    interpret(world, intents[i], i);
  }
  heal(world);
}

/**
 * A user's service runs under a watchdog: a synchronous loop in its code (one that never
 * awaits) is interrupted after the budget and named, instead of hanging the run.
 */
function runServiceSchedule(config: WorldConfig, service: ServiceConfig, schedule: Schedule): WorldView {
  let world: World | undefined;
  const sandboxOf = (w: World) => w.service!.sandbox.sandbox;
  const stuck = () => new ServiceError(`the service ran for more than ${service.stepBudgetMs} ms without awaiting (a synchronous loop?), at step ${world?.step ?? 0} of the schedule`);
  // The world (and its sandbox) must exist before the watchdog can run in it; building it starts every instance.
  world = new World(config, { seed: schedule.seed, ...faultSettings(schedule.faultMix) });
  const built = world;
  try {
    const view = sandboxOf(built).guard(() => {
      play(built, schedule);
      return viewOf(built, drain(built));
    }, service.stepBudgetMs, stuck);
    // Only a world that ended normally hands its sandbox on (one interrupted mid-step may leave work queued in it).
    built.service!.sandbox.release();
    return view;
  } finally {
    // The view holds copies: the disks (SQLite databases, with `store: "sqlite"`) can go.
    built.close();
  }
}
