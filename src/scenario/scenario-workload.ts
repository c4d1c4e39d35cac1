/**
 * The scenario's `workload` option beyond what a field's own schema can say: the rules that
 * span fields (they need the processor or another option, so they run on the decoded
 * scenario as a whole, with the same one-line messages as field rules), and the defaults the
 * schedule generator gets.
 */
import { limits } from "../core/limits.ts";
import { resolveRange } from "../core/option-spec.ts";
import type { Processor } from "../runtime/processor.ts";
import type { TopologyOptions, WorkloadOptions } from "./define-scenario.ts";
import { scenarioOptionSpecs, workloadOptionSpecs } from "./scenario-options.ts";

/** The options the workload rules read. */
interface WorkloadFields {
  readonly processor: Processor;
  readonly topology?: TopologyOptions;
  readonly workload?: WorkloadOptions;
  readonly intents?: { readonly min?: number; readonly max?: number };
}

/** A rule broken at `path`, in the shape an Effect Schema filter reports it. */
interface WorkloadIssue {
  readonly path: readonly PropertyKey[];
  readonly issue: string;
}

/** The first workload rule `scenario` breaks, or undefined when it keeps them all. */
export function workloadIssue(scenario: WorkloadFields): WorkloadIssue | undefined {
  const { workload, topology, processor } = scenario;
  if (workload === undefined) return undefined;
  if (workload.keys !== undefined && topology?.keys !== undefined && workload.keys !== topology.keys) {
    return { path: ["workload", "keys"], issue: `must equal topology.keys (${topology.keys}) when both are set` };
  }
  const tooLong = scheduleLengthIssue(scenario);
  if (tooLong !== undefined) return tooLong;
  if (workload.mix === undefined) return undefined;
  const kinds = processor.eventKinds ?? [];
  const known = kinds.length === 0 ? `${processor.name} declares no event kinds` : `its kinds: ${kinds.join(", ")}`;
  for (const name of Object.keys(workload.mix)) {
    if (!kinds.includes(name)) return { path: ["workload", "mix"], issue: `names an event kind ${processor.name} does not have: ${JSON.stringify(name)} (${known})` };
  }
  if (!Object.values(workload.mix).some((weight) => weight > 0)) {
    return { path: ["workload", "mix"], issue: "must give at least one event kind a weight above 0" };
  }
  return undefined;
}

/**
 * With `workload.events`, a schedule holds up to `intents.max` other intents plus
 * `workload.events.max` events, which together must stay within `limits.intentCountMax`.
 * The rule names the field the user set that makes a maximum that large, the events' first.
 */
function scheduleLengthIssue(scenario: WorkloadFields): WorkloadIssue | undefined {
  const events = scenario.workload?.events;
  if (events === undefined) return undefined;
  const eventsMax = resolveRange(workloadOptionSpecs.events, events).max;
  const intentsMax = resolveRange(scenarioOptionSpecs.intents, scenario.intents).max;
  if (eventsMax + intentsMax <= limits.intentCountMax) return undefined;
  const rule = `(a schedule holds at most ${limits.intentCountMax} intents)`;
  // The field that set the events' maximum: `max`, or a `min` above max's default.
  const eventsField = events.max !== undefined ? "max" : (events.min ?? 0) > workloadOptionSpecs.events.max.default ? "min" : undefined;
  if (eventsField !== undefined) {
    return { path: ["workload", "events", eventsField], issue: `must be at most ${limits.intentCountMax - intentsMax} with intents.max ${intentsMax} ${rule}` };
  }
  const field = scenario.intents?.max !== undefined ? "max" : "min";
  return { path: ["intents", field], issue: `must be at most ${limits.intentCountMax - eventsMax} with workload.events.max ${eventsMax} ${rule}` };
}

/** What the runner needs of a (validated) workload: the key space and the schedule shaping. */
export interface ResolvedWorkload {
  readonly keys: number;
  readonly events?: { readonly min: number; readonly max: number };
  readonly eventKindWeights?: readonly number[];
}

/** Defaults of `workload`. Leaves `events` and `eventKindWeights` out when not set. */
export function resolveWorkload(scenario: WorkloadFields): ResolvedWorkload {
  const { workload, topology, processor } = scenario;
  const keys = workload?.keys ?? topology?.keys ?? workloadOptionSpecs.keys.default;
  const events = workload?.events;
  const mix = workload?.mix;
  return {
    keys,
    ...(events === undefined ? {} : { events: resolveRange(workloadOptionSpecs.events, events) }),
    ...(mix === undefined ? {} : { eventKindWeights: (processor.eventKinds ?? []).map((kind) => (Object.hasOwn(mix, kind) ? mix[kind] : 0)) }),
  };
}
