/**
 * `defineScenario`: what a scenario file exports. A scenario bundles a processor, the
 * deployment around it, the faults to inject, the runtime under test and what the run must
 * show (pass, or fail because a planted bug is caught).
 */
import type { OptionInput } from "../core/option-spec.ts";
import type { Invariant } from "../check/invariant.ts";
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

/**
 * A user's own service to run instead of the reference runtime (see the README, "Test your
 * own service"). Its code runs unmodified inside eosim's sandbox: `kafkajs` is the simulated
 * client, time and randomness are virtual, and every await is a step eosim schedules.
 */
export interface ServiceDefinition {
  /**
   * The service's entry module: a file URL (`new URL("./ledger-service.ts", import.meta.url)`)
   * or a path relative to the scenario file.
   */
  readonly module: string | URL;
  /**
   * A named export to call with `{ kafka, store, database, instance }` to start the service (dependency
   * injection). Leave it out when the module starts itself at import, as an unmodified
   * service's main module does.
   */
  readonly start?: string;
  /** The topics as the service names them; the changelog is the one its store namespaces are logged to. */
  readonly topics: { readonly input: string; readonly output: string; readonly changelog?: string };
  /** Header that carries each input's dedupe ID. Default "dedupe-id". */
  readonly dedupeHeader?: string;
  /** Header that carries each output's ID (`<input dedupe ID>/o<index>`). Default "output-id". */
  readonly outputIdHeader?: string;
  /**
   * The service keeps state in the external database (`database` in its start function's
   * argument, or `database` from `eosim/store`), one per world, shared by every instance and
   * reached across the faulty network: requests are lost, replies are lost after the write,
   * replies come after the client timed out. Default false.
   */
  readonly database?: boolean;
  /**
   * Judge the reads of one reader with the monotonic-reads checker: the reads made as
   * `reader` (`database.client(reader)`, `store.reader(reader)`) of the namespaces
   * `<namespace>/<partition>`, each value's version being its field `version` (default
   * "version"). Within one life of one instance, an entity must never go back to an older
   * version or disappear once seen.
   */
  readonly monotonicReads?: { readonly reader: string; readonly namespace: string; readonly version?: string };
  /**
   * Where the state to compare with the model is: the store namespace `<namespace>/<partition>`
   * on each partition's owner (default namespace "state"), or with `in: "database"` the
   * namespace `<namespace>/<partition>` of the external database; or `false` when the service
   * keeps its state where eosim cannot read it (the state checkers then do not run).
   */
  readonly state?: { readonly namespace: string; readonly in?: "store" | "database" } | false;
  /** Real milliseconds one schedule may take before a loop in the service that never awaits is stopped (1-600000). Default 10000. */
  readonly budgetMs?: number;
}

/** Everything a scenario file declares. */
export interface ScenarioOptions<S = unknown, E = unknown, O = unknown> extends OptionInput<typeof scenarioOptionSpecs> {
  /** Unique name; also how `eosim run <name>` selects it. Lowercase, digits and dashes. */
  readonly name: string;
  /** One line on what the scenario shows. */
  readonly description: string;
  /**
   * The business logic under test (built in, or the user's own), run by the reference
   * runtime. With a `service`, give it as `model` instead.
   */
  readonly processor?: Processor<S, E, O>;
  /** With a `service`: the pure business logic that defines the expected outcome (a Processor). */
  readonly model?: Processor<S, E, O>;
  /** A user's own service to test instead of the reference runtime, judged against `model`. */
  readonly service?: ServiceDefinition;
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
  /** Built-in checker names to run (default: all). The scenario's `invariants` run in any case. */
  readonly checkers?: readonly string[];
  /**
   * Business rules of one's own, checked after every schedule beside the built-in checkers
   * (see {@link Invariant}): each is a safety checker named after it, shown, shrunk and
   * replayed like the built-in ones. Names must be unique and differ from the built-in
   * checkers'. Default: none.
   * @example
   * invariants: [{
   *   name: "reserved-within-stock",
   *   check: (run) => run.partitions.flatMap((p) => [...(p.state ?? [])]
   *     .filter(([, sku]) => sku.reserved > sku.stock)
   *     .map(([key]) => ({ partition: p.partition, key, detail: `${key} reserves more than its stock` }))),
   * }]
   */
  readonly invariants?: readonly Invariant<S, E, O>[];
  readonly compaction?: CompactionOptions;
}

/** Marker identifying a value made by {@link defineScenario}. */
export const scenarioBrand = "eosim/scenario" as const;

/** A scenario as exported from a scenario file (validated when loaded). */
export type ScenarioDefinition = ScenarioOptions & { readonly kind: typeof scenarioBrand; readonly processor: Processor };

/**
 * Declare a scenario. Export the result as the default export of a `*.scenario.ts` file.
 * @example
 * export default defineScenario({ name: "bank-ledger", description: "...", processor: bankLedger });
 */
export function defineScenario<S, E, O>(options: ScenarioOptions<S, E, O>): ScenarioDefinition {
  const { model, ...rest } = options as ScenarioOptions;
  // `model` is the processor of a service scenario: validated and run as one.
  return { ...rest, ...(model === undefined ? {} : { processor: rest.processor ?? model }), kind: scenarioBrand } as ScenarioDefinition;
}
