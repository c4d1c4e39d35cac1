/**
 * Intents: the alphabet of schedules, which fast-check generates and shrinks. Numbers in an
 * intent (instance, producer, partition) are taken modulo the topology when interpreted, and
 * an intent that cannot apply is a recorded no-op, so every shrunk schedule still runs.
 *
 * Two families. The workload intents are declared here and applied by `sim/interpret.ts`:
 * produce an event, retry a producer's pending send, step an instance, let time pass. A
 * produce intent's optional `kind` indexes the processor's `eventKinds` (generated only when
 * the scenario sets `workload.mix`; without it the processor picks the kind from `draw`);
 * a retry's `index` picks the pending send (0 the oldest; later ones retry out of order).
 * The fault intents come from the fault kinds' modules (`faults/<kind>.ts`), which declare
 * their names, codes and fields, and how each applies (`faults/catalogue.ts`).
 */
import { invariant } from "../core/invariant.ts";
import { type FaultIntent, faultIntentDecls } from "../faults/catalogue.ts";

/** An intent of the workload (not a fault). */
export type WorkloadIntent =
  | { readonly k: "produce"; readonly producer: number; readonly key: number; readonly draw: number; readonly kind?: number }
  | { readonly k: "retry"; readonly producer: number; readonly index: number }
  | { readonly k: "step"; readonly instance: number; readonly count: number }
  | { readonly k: "tick"; readonly ticks: number };

/** One schedule step. */
export type Intent = WorkloadIntent | FaultIntent;

/** Intent kind names. */
export type IntentKind = Intent["k"];

/** Stable numeric codes of the workload intents (recorded in histories: never renumber). */
const workloadCodes: Record<WorkloadIntent["k"], number> = { produce: 1, retry: 2, step: 3, tick: 10 };

/** Stable numeric codes of intent kinds (recorded in histories: append, never renumber). */
export const intentCodes = Object.fromEntries([...Object.entries(workloadCodes), ...faultIntentDecls.map((decl) => [decl.k, decl.code] as const)]) as Record<IntentKind, number>;

{
  const codes = Object.values(intentCodes);
  invariant(Object.keys(intentCodes).length === Object.keys(workloadCodes).length + faultIntentDecls.length, "a fault intent is named like a workload intent");
  invariant(new Set(codes).size === codes.length, "two intents share a history code");
}

/** A generated schedule: root seed, swarm fault mix, intents. */
export interface Schedule {
  readonly seed: number;
  readonly faultMix: Readonly<Record<string, number>>;
  readonly intents: readonly Intent[];
}
