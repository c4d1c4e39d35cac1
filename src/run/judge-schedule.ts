/**
 * Judging one schedule: run it in a fresh world and put the world's history and final view
 * through the scenario's checkers. Every schedule a run generates, shrinks or replays is judged
 * this way.
 */
import { checkRun, type RunVerdict } from "../check/all-checkers.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import { runSchedule } from "../sim/run-schedule.ts";
import type { WorldView } from "../sim/world-view.ts";

/** Run a schedule of `scenario` and judge it. */
export function judgeSchedule(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  const view = runSchedule(scenario.world, schedule);
  return { view, verdict: checkRun(view, scenario.checkers) };
}
