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

function judgeNow(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  const view = runSchedule(scenario.world, schedule);
  return { view, verdict: checkRun(view, scenario.checkers) };
}

/**
 * Run a schedule of `scenario` and judge it. Unless a watchdog already runs (a chunk arms one
 * for all its schedules, `run-chunk.ts`), the schedule gets one of its own; a service's world
 * guards its own steps (`sim/run-schedule.ts`). A schedule stopped by the watchdog throws a
 * `StuckError` naming the call in flight.
 */
export function judgeSchedule(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  if (scenario.world.service !== undefined || watchdogArmed()) return judgeNow(scenario, schedule);
  return withinMs(scenario.budgetMs, () => judgeNow(scenario, schedule), () => stuckError(scenario.budgetMs));
}
