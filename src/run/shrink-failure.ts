/**
 * Shrinking the failure of a run, once, in the thread that assembles the run's result: the
 * failing chunk's schedule is regenerated from its seed and path and shrunk by fast-check,
 * then by a second pass over the intents (`schedule/minimize.ts`), and the shrunk schedule is
 * run once more to capture its history and verdict for the report and the repro file. Both
 * passes are bounded in time; the best schedule so far is kept.
 */
import fc from "fast-check";
import { anomalyKindsOf, type RunVerdict } from "../check/all-checkers.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import { minimizeSchedule } from "../schedule/minimize.ts";
import { PlainValueError } from "../core/plain-value.ts";
import { ProcessorError } from "../runtime/processor-error.ts";
import { ScheduleThrew } from "./run-error.ts";
import { answersDiffer, differingStep, differsOnRerun, failureDidNotReproduce } from "./determinism.ts";
import { judgeSchedule, runGuarded, unstableAnswerOf } from "./judge-schedule.ts";
import type { ChunkResult } from "./chunk-result.ts";
import { chunkParameters, chunkProperty, scheduleAt } from "./run-chunk.ts";
import type { ScheduleFailure } from "./scenario-result.ts";

/** The anomaly kinds of a verdict. */
function anomalyKinds(verdict: RunVerdict): Set<string> {
  return new Set(anomalyKindsOf(verdict));
}

/**
 * Shrink fast-check's counterexample further; a candidate counts as failing when it fails
 * the same way (same failure class, at least one anomaly kind in common).
 */
function minimizeFailure(scenario: Scenario, schedule: Schedule, limitSeconds: number): Schedule {
  const original = judgeSchedule(scenario, schedule).verdict;
  if (original.ok) return schedule;
  const kinds = anomalyKinds(original);
  const fails = (candidate: Schedule): boolean => {
    const verdict = judgeSchedule(scenario, candidate).verdict;
    if (verdict.failure !== original.failure) return false;
    for (const kind of anomalyKinds(verdict)) if (kinds.has(kind)) return true;
    return false;
  };
  const deadline = performance.now() + limitSeconds * 1000;
  return minimizeSchedule(schedule, fails, { attemptsMax: 2000, outOfTime: () => performance.now() > deadline });
}

/**
 * Regenerate the failing schedule of `chunk` from its seed and path and let fast-check shrink
 * it, within `limitSeconds`.
 */
function fastCheckShrink(scenario: Scenario, chunk: ChunkResult, limitSeconds: number): { schedule: Schedule; shrinks: number; path: string } {
  const property = chunkProperty(scenario, chunk);
  const replay = { ...chunkParameters(chunk), path: chunk.path ?? undefined, numRuns: chunk.size };
  let details = fc.check(property, { ...replay, interruptAfterTimeLimit: Math.max(1, limitSeconds * 1000) });
  // Out of time before the failing schedule was even regenerated: take it unshrunk.
  if (details.counterexample === null && details.interrupted) details = fc.check(property, { ...replay, endOnFailure: true });
  if (!details.failed || details.counterexample === null) {
    // Failed once, passes now: the schedule does not behave the same twice. Say so, and where
    // two more runs of it differ.
    const schedule = scheduleAt(scenario, chunk);
    const step = schedule === null ? null : differingStep(runGuarded(scenario, schedule), runGuarded(scenario, schedule));
    throw failureDidNotReproduce(scenario, chunk.firstRun + (chunk.failedAt ?? 0) + 1, schedule, step);
  }
  // The path within the chunk, renumbered to the whole run (what a plain fc.check of the seed replays).
  const [local, ...shrinkSteps] = (details.counterexamplePath ?? "0").split(":");
  const path = [String(chunk.firstRun + Number(local)), ...shrinkSteps].join(":");
  return { schedule: details.counterexample[0], shrinks: details.numShrinks, path };
}

/**
 * Shrink the failure of `chunk` (fast-check, then the second pass, each within
 * `limitSeconds`) and re-run it for the report. Throws what the schedule throws (a
 * processor's error, an eosim bug).
 */
export function shrinkFailure(scenario: Scenario, chunk: ChunkResult, schedulesToFailure: number, limitSeconds: number): ScheduleFailure {
  const shrunk = fastCheckShrink(scenario, chunk, limitSeconds);
  const number = chunk.firstRun + (chunk.failedAt ?? 0) + 1;
  let schedule: Schedule;
  let judged: ReturnType<typeof judgeSchedule>;
  try {
    schedule = minimizeFailure(scenario, shrunk.schedule, limitSeconds);
    judged = judgeSchedule(scenario, schedule);
  } catch (error) {
    // The user's code threw on the shrunk schedule: report that, with the schedule for the repro.
    if (error instanceof ProcessorError || error instanceof PlainValueError) throw new ScheduleThrew(error, shrunk.schedule, number - 1);
    throw error;
  }
  const { view, verdict } = judged;
  // The failure reported must be one the repro reproduces: the shrunk schedule fails, and runs
  // the same way twice. The second run is judged too, not only compared: code that is not
  // deterministic may differ only in the reference model's fold of the processor, which no
  // history records (a counter kept in the processor's module that changes one model result).
  const again = judgeSchedule(scenario, schedule);
  const step = differingStep(view, again.view);
  if (verdict.ok || again.verdict.ok) throw failureDidNotReproduce(scenario, number, schedule, step);
  if (step !== null) throw differsOnRerun(scenario, number, schedule, step);
  const unstable = unstableAnswerOf(scenario, view);
  if (unstable !== null) throw answersDiffer(scenario, number, schedule, unstable);
  return {
    schedule,
    verdict,
    historyHash: view.history.hex(),
    stepHashes: view.history.stepHashes,
    path: shrunk.path,
    schedulesToFailure,
    shrinks: shrunk.shrinks,
    view,
  };
}
