/**
 * `defineScenario`: what a scenario file exports. A scenario bundles a processor, the
 * deployment around it, the faults to inject, the runtime under test and what the run must
 * show (pass, or fail because a planted bug is caught).
 */
import type { OptionInput } from "../core/option-spec.ts";
import type { FaultKind } from "../faults/fault-kind.ts";
import type { Intent } from "../schedule/intent.ts";
import type { Processor } from "../runtime/processor.ts";
import type { RuntimeOptions } from "../runtime/runtime-options.ts";
import type { compactionOptionSpecs, scenarioOptionSpecs, topologyOptionSpecs, workloadOptionSpecs } from "./scenario-options.ts";

/** Sizes of the simulated deployment (declared in {@link topologyOptionSpecs}). */
export interface TopologyOptions extends OptionInput<typeof topologyOptionSpecs> {}

/** The shape of the input workload: its key space, how many events, which kinds (declared in {@link workloadOptionSpecs}). */
export interface WorkloadOptions extends OptionInput<typeof workloadOptionSpecs> {}

/** Changelog compaction settings (declared in {@link compactionOptionSpecs}). */
export interface CompactionOptions extends OptionInput<typeof compactionOptionSpecs> {}

/** Everything a scenario file declares. */
export interface ScenarioOptions<S = unknown, E = unknown, O = unknown> extends OptionInput<typeof scenarioOptionSpecs> {
  /** Unique name; also how `eosim run <name>` selects it. Lowercase, digits and dashes. */
  readonly name: string;
  /** One line on what the scenario shows. */
  readonly description: string;
  /** The business logic under test (built in, or the user's own). */
  readonly processor: Processor<S, E, O>;
  readonly topology?: TopologyOptions;
  /** The input workload: key space, events per schedule, mix of event kinds. Default: see {@link WorkloadOptions}. */
  readonly workload?: WorkloadOptions;
  /** Fault kinds to inject (default: all). An empty list runs without faults. */
  readonly faults?: readonly FaultKind[];
  /**
   * A fixed schedule of intents for a regression scenario: every run plays exactly these (for
   * example the intents of a repro file). Default runs: 1.
   */
  readonly schedule?: { readonly intents: readonly Intent[]; readonly faultMix?: Partial<Record<FaultKind, number>>; readonly seed?: number };
  /** Stop generating after this many seconds (the CLI's --time-limit overrides it). */
  readonly timeLimitSeconds?: number;
  /**
   * The runtime under test: "reference" (default), the name of a planted bug from the
   * catalogue (`eosim mutants` lists them), or individual knobs away from the reference.
   */
  readonly runtime?: "reference" | string | Partial<RuntimeOptions>;
  /**
   * Coverage the run must reach or fail ("sometimes" assertions): labels such as
   * `crash-point:after-commit-before-changelog`, `fault:pause`, or `every-crash-point`,
   * `every-fault`. `eosim run --json` shows what a run reached under `coverage`.
   */
  readonly requiredCoverage?: readonly string[];
  /** Checker names to run (default: all). */
  readonly checkers?: readonly string[];
  readonly compaction?: CompactionOptions;
}

/** Marker identifying a value made by {@link defineScenario}. */
export const scenarioBrand = "eosim/scenario" as const;

/** A scenario as exported from a scenario file (validated when loaded). */
export type ScenarioDefinition = ScenarioOptions & { readonly kind: typeof scenarioBrand };

/**
 * Declare a scenario. Export the result as the default export of a `*.scenario.ts` file.
 * @example
 * export default defineScenario({ name: "bank-ledger", description: "...", processor: bankLedger });
 */
export function defineScenario<S, E, O>(options: ScenarioOptions<S, E, O>): ScenarioDefinition {
  return { ...(options as ScenarioOptions), kind: scenarioBrand };
}
