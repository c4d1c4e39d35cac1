/**
 * Telling a processor (or service) that is not deterministic from a bug it exposes. eosim's
 * verdicts assume the same schedule gives the same history: the reference model re-runs the
 * processor, shrinking re-runs schedules, a repro replays one. Code that reads the clock, real
 * randomness or state kept between calls breaks that, and would otherwise show as a false
 * safety failure, an empty repro or a "bug in eosim". Like FoundationDB's simulation, eosim
 * re-runs schedules and compares the history hash after every step: a schedule that differs
 * from itself is named as such (exit 2), never judged.
 */
import { basename } from "node:path";
import { oneLine } from "../core/one-line.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { describeIntents } from "../schedule/describe-intent.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";
import { crashPointsOf } from "../service/life.ts";
import type { UnstableAnswer } from "./processor-stability.ts";

/** Default fraction of schedules `--check-determinism` re-runs. */
export const defaultDeterminismSample = 0.05;

/** A schedule whose history differs when it runs again, or a failure that did not reproduce. */
export class NondeterminismError extends Error {
  override readonly name = "NondeterminismError";
  constructor(
    message: string,
    /** The schedule that showed it (for the repro file), and its position in the run (0-based). */
    readonly schedule?: Schedule,
    readonly run?: number,
  ) {
    super(oneLine(message));
  }
}

/**
 * The first step (1-based, one per intent) at which two runs of one schedule differ;
 * `intents + 1` for the heal and drain after the last intent; null when they agree.
 */
export function differingStep(first: WorldView, second: WorldView): number | null {
  const a = first.history.stepHashes;
  const b = second.history.stepHashes;
  const steps = Math.max(a.length, b.length);
  for (let i = 0; i < steps; i++) if (a[i] !== b[i]) return i + 1;
  return first.history.hex() === second.history.hex() ? null : steps + 1;
}

/** Whose code a scenario runs, for messages: `processor "x"` or `service "file"`. */
export function codeOf(scenario: Scenario): string {
  const service = scenario.world.service;
  return service === undefined ? `processor "${scenario.world.processor.name}"` : `service "${basename(service.module)}"`;
}

function stepText(scenario: Scenario, schedule: Schedule, step: number): string {
  if (step > schedule.intents.length) return "in the heal and drain after its last intent";
  const [line] = describeIntents([schedule.intents[step - 1]], crashPointsOf(scenario.world), scenario.world);
  return `at step ${step} (${line})`;
}

const advice = "it must not read the clock, real randomness or state kept from earlier calls";

/** "non-determinism in processor X: schedule S step k differs on re-run: ..." */
export function differsOnRerun(scenario: Scenario, scheduleNumber: number, schedule: Schedule, step: number): NondeterminismError {
  return new NondeterminismError(`non-determinism in ${codeOf(scenario)}: schedule ${scheduleNumber} differs on re-run ${stepText(scenario, schedule, step)}: ${advice}`, schedule, scheduleNumber - 1);
}

/** A processor that answered one input of schedule `scheduleNumber` differently on two calls. */
export function answersDiffer(scenario: Scenario, scheduleNumber: number, schedule: Schedule, answer: UnstableAnswer): NondeterminismError {
  return new NondeterminismError(
    `non-determinism in ${codeOf(scenario)}: on schedule ${scheduleNumber} it answered input ${answer.dedupeId} (key ${answer.key}) differently on two calls with the same state (${answer.first}, then ${answer.second}): ${advice}`,
    schedule,
    scheduleNumber - 1,
  );
}

/** A failure that did not fail again when its schedule was re-run (`step`: where the re-runs differ, if they do). */
export function failureDidNotReproduce(scenario: Scenario, scheduleNumber: number, schedule: Schedule | null, step: number | null): NondeterminismError {
  const where = schedule === null || step === null ? "" : `, and two more runs of it differ ${stepText(scenario, schedule, step)}`;
  return new NondeterminismError(`non-deterministic: the failure of schedule ${scheduleNumber} did not reproduce on re-run${where} (non-determinism in ${codeOf(scenario)}? ${advice})`, schedule ?? undefined, scheduleNumber - 1);
}

/**
 * Whether run `index` of a run from `seed` is in the sample of `fraction` that
 * `--check-determinism` re-runs: a hash of both, so the sample is the same for every worker
 * count and shard.
 */
export function sampled(seed: number, index: number, fraction: number): boolean {
  if (fraction >= 1) return true;
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < fraction;
}
