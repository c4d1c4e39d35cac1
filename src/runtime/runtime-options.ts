/**
 * Knobs of the reference runtime. The defaults are the correct design; each planted bug
 * (see `mutants.ts`) is one knob turned away from it.
 */
import type { AssignmentStrategy } from "../broker/assignment.ts";

/** Runtime configuration. */
export interface RuntimeOptions {
  /** Drop inputs whose dedupe ID the store already holds. Off = every retry double-applies. */
  readonly dedupe: boolean;
  /** Eager: every rebalance revokes all partitions; cooperative: only moved ones. */
  readonly rebalance: "eager" | "cooperative";
  /** How the group spreads partitions over instances. */
  readonly assignment: AssignmentStrategy;
}

/** The reference runtime's settings. */
export const referenceRuntime: RuntimeOptions = {
  dedupe: true,
  rebalance: "eager",
  assignment: "range",
};
