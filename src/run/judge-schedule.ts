/**
 * Judging one schedule: run it in a fresh world and put the world's history and final view
 * through the scenario's checkers. Every schedule a run generates, shrinks or replays is judged
 * this way, under the watchdog (`core/watchdog.ts`): the scenario's own code gets
 * `scenario.budgetMs` of real time per schedule.
 */
import { checkRun, type RunVerdict } from "../check/all-checkers.ts";
import { watchdogArmed, withinMs } from "../core/watchdog.ts";
import { stuckError } from "../runtime/user-call.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import { runSchedule } from "../sim/run-schedule.ts";
import type { WorldView } from "../sim/world-view.ts";

/**
 * `body` under the scenario's watchdog, unless a watchdog already runs (a chunk arms one for
 * all its schedules, `run-chunk.ts`); a service's world guards its own steps
 * (`sim/run-schedule.ts`). Past the budget it throws a `StuckError` naming the call in flight.
 */
function guarded<T>(scenario: Scenario, body: () => T): T {
  if (scenario.world.service !== undefined || watchdogArmed()) return body();
  return withinMs(scenario.budgetMs, body, () => stuckError(scenario.budgetMs));
}

/** Run a schedule of `scenario` (no checkers), under the watchdog. */
export function runGuarded(scenario: Scenario, schedule: Schedule): WorldView {
  return guarded(scenario, () => runSchedule(scenario.world, schedule));
}

/** Run a schedule of `scenario` and judge it, under the watchdog. */
export function judgeSchedule(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  return guarded(scenario, () => {
    const view = runSchedule(scenario.world, schedule);
    return { view, verdict: checkRun(view, scenario.checkers) };
  });
}
