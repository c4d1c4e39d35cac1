/**
 * Required coverage ("sometimes" assertions): a scenario may list coverage labels its run must
 * reach, e.g. `crash-point:after-commit-before-changelog` or `fault:pause`, or the shorthands
 * `every-crash-point` (every crash point the reference runtime has) and `every-fault` (every
 * fault kind the scenario enables). A passing run that misses one fails, naming it: a fault
 * scenario that never injects its fault proves nothing. This file says which labels a scenario
 * requires; a run judges them (`run/fold-chunks.ts`, `run/scenario-outcome.ts`).
 */
import { faultKinds } from "../faults/fault-kind.ts";
import { crashPointNames, referenceCrashPoints } from "../runtime/task-phase.ts";
import { serviceCrashPoints } from "../service/life.ts";
import type { Scenario } from "./scenario.ts";

/** Every label a scenario may require. */
export const coverageLabels: readonly string[] = [
  ...crashPointNames.map((name) => `crash-point:${name}`),
  // A user's service reports its own crash points (the awaits it waits on).
  ...serviceCrashPoints.slice(1).map((name) => `crash-point:${name}`),
  ...faultKinds.map((kind) => `fault:${kind}`),
  "every-crash-point",
  "every-fault",
];

/** The concrete labels `required` stands for in `scenario`. */
export function expandRequired(scenario: Scenario, required: readonly string[]): string[] {
  const out = new Set<string>();
  for (const label of required) {
    if (label === "every-crash-point" && scenario.world.service !== undefined) {
      // The points inside a message's cycle that any consuming, storing, sending service reaches.
      for (const name of serviceCrashPoints.slice(1, 6)) out.add(`crash-point:${name}`);
    } else if (label === "every-crash-point") for (const p of referenceCrashPoints) out.add(`crash-point:${crashPointNames[p]}`);
    else if (label === "every-fault") for (const kind of scenario.shape.faults) out.add(`fault:${kind}`);
    else out.add(label);
  }
  return [...out];
}

/** The concrete labels `scenario` requires (a run judges them in `run/fold-chunks.ts`). */
export function requiredLabels(scenario: Scenario): string[] {
  return expandRequired(scenario, scenario.definition.requiredCoverage ?? []);
}
