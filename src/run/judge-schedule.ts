/**
 * Judging one schedule: run it in a fresh world and put the world's history and final view
 * through the scenario's checkers. Every schedule a run generates, shrinks or replays is judged
 * this way, under the watchdog (`core/watchdog.ts`): the scenario's own code gets
 * `scenario.budgetMs` of real time per schedule.
 */
import { checkRun, type RunVerdict } from "../check/all-checkers.ts";
import { type ReferenceModel, referenceModel } from "../check/reference-model.ts";
import { watchdogArmed, withinMs } from "../core/watchdog.ts";
import { StuckError, stuckError } from "../runtime/user-call.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import { type RunObserver, runObserved, runSchedule } from "../sim/run-schedule.ts";
import type { WorldView } from "../sim/world-view.ts";
import { type UnstableAnswer, unstableAnswer } from "./processor-stability.ts";

/**
 * `body` under the scenario's watchdog, unless a watchdog already runs (a chunk arms one for
 * all its schedules, `run-chunk.ts`); a service's world guards its own steps
 * (`sim/run-schedule.ts`). Past the budget it throws a `StuckError` naming the call in flight.
 */
function guarded<T>(scenario: Scenario, body: () => T): T {
  if (scenario.world.service !== undefined || watchdogArmed()) return body();
  try {
    return withinMs(scenario.budgetMs, body, () => stuckError(scenario.budgetMs));
  } catch (error) {
    if (!(error instanceof StuckError) || error.blame !== "harness") throw error;
  }
  // Past the budget in eosim's own code: a schedule may only be big (a processor returning
  // 300,000 outputs per call keeps eosim busy), or eosim may be stuck. One more run with a
  // generous limit tells them apart; either way the run stops.
  const generousMs = Math.max(60_000, 20 * scenario.budgetMs);
  const started = performance.now();
  withinMs(generousMs, body, () => stuckError(generousMs));
  const tookMs = Math.round(performance.now() - started);
  throw new StuckError(
    `a schedule took ${tookMs} ms of real time, more than the scenario's budgetMs (${scenario.budgetMs} ms), mostly in eosim's handling of what the scenario's code returned (very many events, writes or outputs?): raise budgetMs, or make the schedules smaller`,
    "processor",
  );
}

/** Run a schedule of `scenario` (no checkers), under the watchdog; `observe` looks at the world between steps (reports). */
export function runGuarded(scenario: Scenario, schedule: Schedule, observe?: RunObserver): WorldView {
  return guarded(scenario, () => (observe === undefined ? runSchedule(scenario.world, schedule) : runObserved(scenario.world, schedule, observe)));
}

/** Run a schedule of `scenario` and judge it, under the watchdog. */
export function judgeSchedule(scenario: Scenario, schedule: Schedule): { view: WorldView; verdict: RunVerdict } {
  return guarded(scenario, () => {
    const view = runSchedule(scenario.world, schedule);
    return { view, verdict: checkRun(view, scenario.checkers) };
  });
}

/**
 * Run a schedule of `scenario` with `observe` looking at the world between steps, judge it and
 * fold the reference model over it, all under the watchdog: what a failure report re-runs
 * (`report/html/trace-schedule.ts`). The model is null when folding it throws.
 */
export function judgeObserved(scenario: Scenario, schedule: Schedule, observe: RunObserver): { view: WorldView; verdict: RunVerdict; model: ReferenceModel | null } {
  return guarded(scenario, () => {
    const view = runObserved(scenario.world, schedule, observe);
    const verdict = checkRun(view, scenario.checkers);
    let model: ReferenceModel | null;
    try {
      model = referenceModel(view);
    } catch {
      model = null;
    }
    return { view, verdict, model };
  });
}

/** The first input the processor of `scenario` answers differently twice on `view`'s inputs (see `processor-stability.ts`), under the watchdog. */
export function unstableAnswerOf(scenario: Scenario, view: WorldView): UnstableAnswer | null {
  if (scenario.world.service !== undefined) return null;
  return guarded(scenario, () => unstableAnswer(view));
}
