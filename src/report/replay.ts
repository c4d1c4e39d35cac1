/**
 * Replaying a repro on today's code, and what the result means.
 *
 * - `diverged at step k`: the history already differs from the recorded one at step k, before
 *   the failure point: the code changed behaviour before the bug could show, so whatever the
 *   replay does now says nothing about the bug (the anomalies, if any, are still printed).
 * - `fails`: the schedule still fails (the anomalies are printed; normally the same ones).
 * - `passes`: it passes and the history matches the recorded one up to the failure point: the
 *   bug is fixed.
 *
 * The failure point is the step the repro file records as where the recorded run first polled
 * an input an anomaly points at (see `failure-step.ts`).
 */
import type { RunVerdict } from "../check/all-checkers.ts";
import { answersDiffer, differingStep, differsOnRerun } from "../run/determinism.ts";
import { judgeSchedule, runGuarded, unstableAnswerOf } from "../run/judge-schedule.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { Repro } from "./repro-file.ts";

/** The outcome of a replay. */
export type ReplayVerdict =
  | { readonly kind: "fails" }
  | { readonly kind: "passes" }
  | { readonly kind: "diverged"; readonly step: number }
  /** The schedule ran differently twice (at `step`, see `run/determinism.ts`): nothing it does can be judged. */
  /** `step`: where two runs differ; null when they agree but the processor answered one input two ways. */
  | { readonly kind: "non-deterministic"; readonly step: number | null; readonly message: string };

/** A replay's verdict and what it ran. */
export interface ReplayResult {
  readonly verdict: ReplayVerdict;
  readonly run: RunVerdict;
  readonly view: WorldView;
  /** First step (1-based) whose history hash differs from the recorded one, or null. */
  readonly firstDifference: number | null;
}


/** The schedule a repro holds. */
export function scheduleOf(repro: Repro): Schedule {
  return { seed: repro.scheduleSeed, faultMix: repro.faultMix, intents: repro.intents };
}

function firstDifference(recorded: readonly string[], replayed: readonly string[]): number | null {
  const n = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < n; i++) if (recorded[i] !== replayed[i]) return i + 1;
  return null;
}

/**
 * Replay `repro` against `scenario` as it is today, twice: a schedule that does not run the
 * same way twice is reported as such, whatever else it does. Throws what the schedule throws
 * (the user's code's errors, see `run/run-error.ts`, or eosim's).
 */
export function replayRepro(repro: Repro, scenario: Scenario): ReplayResult {
  const schedule = scheduleOf(repro);
  const { view, verdict: run } = judgeSchedule(scenario, schedule);
  const again = runGuarded(scenario, schedule);
  const difference = firstDifference(repro.stepHashes, view.history.stepHashes);
  const unstable = differingStep(view, again);
  const number = Number(repro.path.split(":")[0]) + 1;
  // A failure whose processor answers one input two ways (random outputs) is not the runtime's.
  const answer = run.ok ? null : unstableAnswerOf(scenario, view);
  let verdict: ReplayVerdict;
  if (unstable !== null) verdict = { kind: "non-deterministic", step: unstable, message: differsOnRerun(scenario, number, schedule, unstable).message };
  else if (answer !== null) verdict = { kind: "non-deterministic", step: null, message: answersDiffer(scenario, number, schedule, answer).message };
  else if (difference !== null && difference < repro.failureStep) verdict = { kind: "diverged", step: difference };
  else if (!run.ok) verdict = { kind: "fails" };
  else verdict = { kind: "passes" };
  return { verdict, run, view, firstDifference: difference };
}

/** The `verdict:` line. */
export function verdictLine(verdict: ReplayVerdict): string {
  if (verdict.kind === "diverged") return `verdict: diverged at step ${verdict.step}`;
  if (verdict.kind === "non-deterministic") return `verdict: non-deterministic (${verdict.message})`;
  return `verdict: ${verdict.kind}`;
}
