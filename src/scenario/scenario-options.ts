/**
 * The scenario options that have bounds or defaults, each declared once: one table per
 * option group (see `core/option-spec.ts`). The option types of `defineScenario`, the
 * validation schema, the defaults a loaded scenario gets and the values and bounds
 * `eosim new` writes into its template all come from these tables; the TSDoc of each entry is
 * what an editor shows on the option, and a test checks the bounds and defaults it states.
 * Sizes of the deployment are bounded by `core/limits.ts`, which the world asserts as well.
 * Options without bounds or defaults of their own (name, processor, faults, schedule,
 * runtime, checkers, coverage, time limit) are declared in `define-scenario.ts`.
 */
import { limits } from "../core/limits.ts";
import { choice, defaultsOf, flag, int, range, weights } from "../core/option-spec.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import { storeKinds } from "../store/store-kind.ts";

const keys = int(1, 1000, 6);

/** Options of `topology`: sizes of the simulated deployment. */
export const topologyOptionSpecs = {
  /** Partitions of the input, changelog and output topics (1-64). Default 4. */
  partitions: int(1, limits.partitionCountMax, 4),
  /** Service instances, each with its own disk (1-16). Default 3. */
  instances: int(1, limits.instanceCountMax, 3),
  /** Upstream producers (1-16). Default 2. */
  producers: int(1, limits.producerCountMax, 2),
  /** Distinct keys the workload uses (1-1000). Default 6. The same knob as `workload.keys`. */
  keys,
} as const;

/** Options of `workload`: the key space, how many events, which kinds. */
export const workloadOptionSpecs = {
  /**
   * Distinct keys (1-1000). Default 6. `topology.keys`, kept for compatibility, is the same
   * knob; setting both to different values is a validation error.
   */
  keys,
  /**
   * How many produce intents (input events) each generated schedule holds, `{ min, max }`
   * (0-1000, min <= max; `min` defaults to 0, `max` to the larger of `min` and 10). They come
   * on top of the other intents, which `intents: { min, max }` then bounds, and are spread
   * over the whole schedule. Default: not fixed, produce intents are drawn with the rest of
   * the mix. A shrunk counterexample may hold fewer: shrinking keeps only what the failure
   * needs.
   */
  events: range(int(0, 1000, 0), int(0, 1000, 10)),
  /**
   * Relative weights (0-100) of the processor's event kinds, by name, e.g.
   * `{ deposit: 3, withdraw: 1 }`. Names must be among the processor's `eventKinds`; kinds
   * not listed get 0 and are never produced, and at least one weight must be above 0.
   * Default: the processor's own mix (it picks each event's kind from the generated draw).
   */
  mix: weights(null, 0, 100),
} as const;

/** Options of `compaction`: the changelog cleaner. */
export const compactionOptionSpecs = {
  /**
   * Records per changelog segment (1-1,000,000); the active (last) segment is never compacted.
   * Default 2: a schedule's changelog partition holds a few dozen records, and with larger
   * segments most of them stay in the active one, so compaction would rarely remove anything.
   */
  segmentRecords: int(1, 1_000_000, 2),
  /** Ticks a tombstone survives compaction once the cleaner first kept it (0-1,000,000,000). Default 50. */
  deleteRetentionTicks: int(0, 1_000_000_000, 50),
  /** Planted broker bug: the cleaner drops tombstones at once, ignoring the retention. Default false. */
  earlyTombstoneRemoval: flag(false),
} as const;

/** Top-level scenario options with bounds or defaults. */
export const scenarioOptionSpecs = {
  /**
   * Fixed weights (0-10) per fault kind, instead of a swarm draw of 0-3 per kind for every
   * schedule. Kinds not listed get 0.
   */
  faultWeights: weights(faultKinds, 0, 10),
  /** Ticks a paused instance keeps its group session before it is replaced (1-1,000,000). Default 10. */
  sessionTimeoutTicks: int(1, 1_000_000, 10),
  /** Largest distance (in events) at which an upstream re-publishes an old event (0-10,000). Default 12. */
  republishDistanceMax: int(0, 10_000, 12),
  /**
   * Intents per generated schedule, `{ min, max }` (`min` 0-2000, `max` 1-2000, min <= max;
   * `min` defaults to 10, `max` to the larger of `min` and 80). With `workload.events`, this
   * bounds the intents other than produce (steps, ticks, faults), and the events come on top;
   * both maxima together stay within the bound of `max`.
   */
  intents: range(int(0, limits.intentCountMax, 10), int(1, limits.intentCountMax, 80)),
  /** Schedules per run when the CLI is given no `--runs` (1-10,000,000). Default 200 (1 with a fixed `schedule`). */
  runs: int(1, 10_000_000, 200),
  /**
   * Real time (ms, 1-600,000) the scenario's own code (processor, makeEvent, invariants) may
   * run in one schedule before eosim stops it as stuck: a loop that never ends is reported as
   * bad input naming the function and the input, instead of hanging the run. Default 10000.
   * (A service's budget is `service.budgetMs`.)
   */
  budgetMs: int(1, 600_000, 10_000),
  /**
   * Where each instance keeps its store: "memory" (the simulated disk, fastest) or "sqlite"
   * (an embedded SQLite database per simulated disk, in memory, through better-sqlite3 12.x,
   * which is then needed: `npm install --save-dev better-sqlite3@12`). Both have the same
   * semantics (atomic transactions, a crash loses what was not committed, a wipe loses the
   * database) and give the same history for the same schedule. Default "memory".
   */
  store: choice(storeKinds, "memory"),
  /** "pass": no schedule may fail. "fail": some schedule must fail (a planted bug must be caught). Default "pass". */
  expect: choice(["pass", "fail"], "pass"),
} as const;

/** Defaults of `topology`. */
export const topologyDefaults = defaultsOf(topologyOptionSpecs);
/** Defaults of `compaction`. */
export const compactionDefaults = defaultsOf(compactionOptionSpecs);
/** Defaults of the top-level options. */
export const scenarioDefaults = defaultsOf(scenarioOptionSpecs);
