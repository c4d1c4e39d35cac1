/**
 * Intents: the alphabet of schedules, which fast-check generates and shrinks. Numbers in an
 * intent (instance, producer, partition) are taken modulo the topology when interpreted, and
 * an intent that cannot apply is a recorded no-op, so every shrunk schedule still runs.
 * `target` names a sender kind: 0 input producer, 1 changelog, 2 outputs. A produce intent's
 * optional `kind` indexes the processor's `eventKinds` (generated only when the scenario sets
 * `workload.mix`; without it the processor picks the kind from `draw`). A crash's optional
 * `point` aims it (a code of `crashPointNames`): the instance first steps until a crash would
 * hit that point (at most {@link crashAimSteps} steps), then crashes wherever it got to;
 * without it the crash hits the instance where it is.
 */

/** Most steps an aimed crash takes to reach its crash point: two input cycles and a restore. */
export const crashAimSteps = 16;

/** One schedule step. */
export type Intent =
  | { readonly k: "produce"; readonly producer: number; readonly key: number; readonly draw: number; readonly kind?: number }
  | { readonly k: "retry"; readonly producer: number; readonly index: number }
  | { readonly k: "step"; readonly instance: number; readonly count: number }
  | { readonly k: "tick"; readonly ticks: number }
  | { readonly k: "lost-ack"; readonly target: 0 | 1 | 2 }
  | { readonly k: "lost-request"; readonly target: 0 | 1 | 2 }
  | { readonly k: "ambiguous-error"; readonly target: 0 | 1 | 2 }
  | { readonly k: "crash"; readonly instance: number; readonly point?: number }
  | { readonly k: "restart"; readonly instance: number }
  | { readonly k: "wipe"; readonly instance: number }
  | { readonly k: "join"; readonly instance: number }
  | { readonly k: "leave"; readonly instance: number }
  | { readonly k: "pause"; readonly instance: number }
  | { readonly k: "resume"; readonly instance: number }
  | { readonly k: "compact"; readonly partition: number }
  | { readonly k: "truncate"; readonly partition: number }
  | { readonly k: "republish"; readonly producer: number; readonly distance: number };

/** Intent kind names. */
export type IntentKind = Intent["k"];

/** Stable numeric codes of intent kinds (recorded in histories: append, never renumber). */
export const intentCodes: Record<IntentKind, number> = {
  produce: 1,
  retry: 2,
  step: 3,
  "lost-ack": 4,
  crash: 5,
  restart: 6,
  join: 7,
  leave: 8,
  compact: 9,
  tick: 10,
  "lost-request": 11,
  "ambiguous-error": 12,
  wipe: 13,
  pause: 14,
  resume: 15,
  truncate: 16,
  republish: 17,
};

/** A generated schedule: root seed, swarm fault mix, intents. */
export interface Schedule {
  readonly seed: number;
  readonly faultMix: Readonly<Record<string, number>>;
  readonly intents: readonly Intent[];
}
