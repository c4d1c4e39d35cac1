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
 * The failure point is the earliest step at which the recorded run first polled an input that
 * an anomaly points at (the first divergent input, the cause of a lost or duplicated output,
 * ...), or the end of the intents when no input is to blame.
 */
import { Op } from "../core/history.ts";
import type { RunVerdict } from "../check/all-checkers.ts";
import type { Anomaly } from "../check/verdict.ts";
import type { History } from "../core/history.ts";
import { judgeSchedule } from "../scenario/run-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { Repro } from "./repro-file.ts";

/** The outcome of a replay. */
export type ReplayVerdict = { readonly kind: "fails" } | { readonly kind: "passes" } | { readonly kind: "diverged"; readonly step: number };

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

/** Step (1-based) of the first poll of `partition` at `offset`, or null. */
export function firstPollStep(history: History, partition: number, offset: number): number | null {
  const data = history.data;
  let step = 1;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === Op.intent) step = data[i + 1] + 2;
    else if (data[i] === Op.poll && data[i + 2] === partition && data[i + 3] === offset) return step;
  }
  return null;
}

/** The input an anomaly points at, as (partition, offset), if any. */
function inputOf(view: WorldView, anomaly: Anomaly): { partition: number; offset: number } | null {
  if (anomaly.dedupeId !== undefined) {
    for (let partition = 0; partition < view.inputArchive.length; partition++) {
      const record = view.inputArchive[partition].find((r) => r.value?.dedupeId === anomaly.dedupeId);
      if (record !== undefined) return { partition, offset: record.offset };
    }
  }
  // Input-side checkers (state, restoration, offsets) report the input partition and offset.
  if (anomaly.partition !== undefined && anomaly.offset !== undefined && !anomaly.kind.endsWith("-output")) {
    return { partition: anomaly.partition, offset: anomaly.offset };
  }
  return null;
}

/** The failure point of a failing run (see the module header): the earliest first poll of an input an anomaly points at. */
export function failureStepOf(view: WorldView, run: RunVerdict): number {
  const end = view.history.stepHashes.length + 1;
  let earliest = end;
  for (const verdict of run.verdicts) {
    for (const anomaly of verdict.anomalies) {
      const input = inputOf(view, anomaly);
      const step = input === null ? null : firstPollStep(view.history, input.partition, input.offset);
      if (step !== null) earliest = Math.min(earliest, step);
    }
  }
  return earliest;
}

function firstDifference(recorded: readonly string[], replayed: readonly string[]): number | null {
  const n = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < n; i++) if (recorded[i] !== replayed[i]) return i + 1;
  return null;
}

/** Replay `repro` against `scenario` as it is today. */
export function replayRepro(repro: Repro, scenario: Scenario): ReplayResult {
  const { view, verdict: run } = judgeSchedule(scenario, scheduleOf(repro));
  const difference = firstDifference(repro.stepHashes, view.history.stepHashes);
  let verdict: ReplayVerdict;
  if (difference !== null && difference < repro.failureStep) verdict = { kind: "diverged", step: difference };
  else if (!run.ok) verdict = { kind: "fails" };
  else verdict = { kind: "passes" };
  return { verdict, run, view, firstDifference: difference };
}

/** The `verdict:` line. */
export function verdictLine(verdict: ReplayVerdict): string {
  return verdict.kind === "diverged" ? `verdict: diverged at step ${verdict.step}` : `verdict: ${verdict.kind}`;
}
