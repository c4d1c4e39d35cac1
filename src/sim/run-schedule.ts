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

/** Where a run is when a {@link RunObserver} looks at it. */
export type ObservedPoint =
  | { readonly at: "start" }
  | { readonly at: "intent"; readonly index: number }
  | { readonly at: "heal" }
  | { readonly at: "drain"; readonly instance: number };

/**
 * Looks at the world between steps: before the first intent, after each intent, after the
 * heal and after each drain step of an instance that made progress. For reports only (a
 * failure report's re-run, `report/html/trace-schedule.ts`); it must only read the world.
 */
export type RunObserver = (world: World, point: ObservedPoint) => void;

/** Run `schedule` against a fresh world built from `config`. */
export function runSchedule(config: WorldConfig, schedule: Schedule): WorldView {
  return runObserved(config, schedule, undefined);
}

/** {@link runSchedule}, with `observe` called between steps (see {@link RunObserver}). */
export function runObserved(config: WorldConfig, schedule: Schedule, observe: RunObserver | undefined): WorldView {
  if (config.service !== undefined) return runServiceSchedule(config, config.service, schedule, observe);
  const world = new World(config, { seed: schedule.seed, ...faultSettings(schedule.faultMix) });
  try {
    play(world, schedule, observe);
    return viewOf(world, drainObserved(world, observe));
  } finally {
    world.close();
  }
}

function drainObserved(world: World, observe: RunObserver | undefined) {
  return observe === undefined ? drain(world) : drain(world, (instance) => observe(world, { at: "drain", instance }));
}

function play(world: World, schedule: Schedule, observe: RunObserver | undefined): void {
  observe?.(world, { at: "start" });
  world.history.record(Op.phase, PhaseCode.faults, schedule.seed | 0);
  const intents = schedule.intents;
  for (let i = 0; i < intents.length; i++) {
    world.step = i;
    interpret(world, intents[i], i);
    observe?.(world, { at: "intent", index: i });
  }
  heal(world);
  observe?.(world, { at: "heal" });
}

/**
 * A user's service runs under a watchdog: a synchronous loop in its code (one that never
 * awaits) is interrupted after the budget and named, instead of hanging the run.
 */
function runServiceSchedule(config: WorldConfig, service: ServiceConfig, schedule: Schedule, observe: RunObserver | undefined): WorldView {
  let world: World | undefined;
  const sandboxOf = (w: World) => w.service!.sandbox.sandbox;
  const stuck = () => new ServiceError(`the service ran for more than ${service.stepBudgetMs} ms without awaiting (a synchronous loop?), at step ${world?.step ?? 0} of the schedule`);
  // The world (and its sandbox) must exist before the watchdog can run in it; building it starts every instance.
  world = new World(config, { seed: schedule.seed, ...faultSettings(schedule.faultMix) });
  const built = world;
  try {
    const view = sandboxOf(built).guard(() => {
      play(built, schedule, observe);
      return viewOf(built, drainObserved(built, observe));
    }, service.stepBudgetMs, stuck);
    // Only a world that ended normally hands its sandbox on (one interrupted mid-step may leave work queued in it).
    built.service!.sandbox.release();
    return view;
  } finally {
    // The view holds copies: the disks (SQLite databases, with `store: "sqlite"`) can go.
    built.close();
  }
}
