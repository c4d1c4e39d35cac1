/**
 * `defineScenario`: what a scenario file exports. A scenario bundles a processor, the
 * deployment around it, the faults to inject, the runtime under test and what the run must
 * show (pass, or fail because a planted bug is caught).
 */
import type { FaultKind } from "../faults/fault-kind.ts";
import type { Intent } from "../schedule/intent.ts";
import type { Processor } from "../runtime/processor.ts";
import type { RuntimeOptions } from "../runtime/runtime-options.ts";

/** Sizes of the simulated deployment. */
export interface TopologyOptions {
  /** Partitions of the input, changelog and output topics (1-64). Default 4. */
  readonly partitions?: number;
  /** Service instances, each with its own disk (1-16). Default 3. */
  readonly instances?: number;
  /** Upstream producers (1-16). Default 2. */
  readonly producers?: number;
  /** Distinct keys the workload uses (1-1000). Default 6. The same knob as `workload.keys`. */
  readonly keys?: number;
}

/** The shape of the input workload: its key space, how many events, which kinds. */
export interface WorkloadOptions {
  /**
   * Distinct keys (1-1000). Default 6. `topology.keys`, kept for compatibility, is the same
   * knob; setting both to different values is a validation error.
   */
  readonly keys?: number;
  /**
   * How many produce intents (input events) each generated schedule holds, `{ min, max }`
   * (0-1000, min <= max; `min` defaults to 0, `max` to the larger of `min` and 10). They come
   * on top of the other intents, which `intents: { min, max }` then bounds, and are spread
   * over the whole schedule. Default: not fixed, produce intents are drawn with the rest of
   * the mix. A shrunk counterexample may hold fewer: shrinking keeps only what the failure
   * needs.
   */
  readonly events?: { readonly min?: number; readonly max?: number };
  /**
   * Relative weights (0-100) of the processor's event kinds, by name, e.g.
   * `{ deposit: 3, withdraw: 1 }`. Names must be among the processor's `eventKinds`; kinds
   * not listed get 0 and are never produced, and at least one weight must be above 0.
   * Default: the processor's own mix (it picks each event's kind from the generated draw).
   */
  readonly mix?: Readonly<Record<string, number>>;
}

/** Changelog compaction settings. */
export interface CompactionOptions {
  /** Records per changelog segment; the active (last) segment is never compacted. Default 4. */
  readonly segmentRecords?: number;
  /** Ticks a tombstone survives compaction once the cleaner first kept it. Default 50. */
  readonly deleteRetentionTicks?: number;
  /** Planted broker bug: the cleaner drops tombstones at once, ignoring the retention. Default false. */
  readonly earlyTombstoneRemoval?: boolean;
}

/** Everything a scenario file declares. */
export interface ScenarioOptions<S = unknown, E = unknown, O = unknown> {
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
   * Fixed weights (0-10) per fault kind, instead of a swarm draw of 0-3 per kind for every
   * schedule. Kinds not listed get 0.
   */
  readonly faultWeights?: Partial<Record<FaultKind, number>>;
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
  /** Ticks a paused instance keeps its group session before it is replaced. Default 10. */
  readonly sessionTimeoutTicks?: number;
  /** Largest distance (in events) at which an upstream re-publishes an old event. Default 12. */
  readonly republishDistanceMax?: number;
  /**
   * Coverage the run must reach or fail ("sometimes" assertions): labels such as
   * `crash-point:after-commit-before-changelog`, `fault:pause`, or `every-crash-point`,
   * `every-fault`. `eosim run --json` shows what a run reached under `coverage`.
   */
  readonly requiredCoverage?: readonly string[];
  /** Checker names to run (default: all). */
  readonly checkers?: readonly string[];
  /**
   * Intents per generated schedule. Default 10 to 80. With `workload.events`, this bounds the
   * intents other than produce (steps, ticks, faults), and the events come on top.
   */
  readonly intents?: { readonly min?: number; readonly max?: number };
  readonly compaction?: CompactionOptions;
  /** Schedules per run when the CLI is given no `--runs`. Default 200. */
  readonly runs?: number;
  /** "pass": no schedule may fail. "fail": some schedule must fail (a planted bug must be caught). Default "pass". */
  readonly expect?: "pass" | "fail";
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
