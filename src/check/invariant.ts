/**
 * Invariants of one's own: a scenario's business rules ("a checkout deletes the cart"),
 * checked after every schedule beside the built-in checkers. An {@link Invariant} is a pure
 * function over an {@link InvariantView}, a plain, frozen copy of what a finished run ended
 * with: each partition's final state (what the exactly-once checker compares with the
 * model), the outputs a consumer that drops duplicates sees, and the unique inputs in order.
 * A scenario lists them under `invariants`; each becomes a safety {@link Checker} named after
 * it, so its anomalies are shown, shrunk, written to repro files and replayed like the
 * built-in ones, and an invariant that throws yields "unknown" (never a pass).
 */
import type { WorldView } from "../sim/world-view.ts";
import type { CheckContext } from "./check-context.ts";
import { userCall, userCallDone } from "../runtime/user-call.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** One unique input event of a partition: the first occurrence of its dedupe ID, in offset order. */
export interface InvariantInput<E = unknown> {
  /** The event's dedupe ID (retries and republished copies share it and appear once). */
  readonly dedupeId: string;
  readonly key: string;
  readonly payload: E;
  /** Offset of its first occurrence in the input partition. */
  readonly offset: number;
}

/** One output, as a consumer that drops duplicates by output ID sees it (first occurrence). */
export interface InvariantOutput<O = unknown> {
  /** The ID consumers deduplicate by. */
  readonly outputId: string;
  /** The input that caused it and its index among that input's outputs: `<input dedupe ID>/o<index>`. */
  readonly cause: string;
  readonly payload: O;
  /** Offset in the output partition. */
  readonly offset: number;
}

/** What one partition ended with. */
export interface InvariantPartition<S = unknown, E = unknown, O = unknown> {
  readonly partition: number;
  /**
   * The partition's final state on its owner, key by key (what `exactly-once-state` compares
   * with the model), or null when it is unknown: no live owner held the partition at the end
   * (the liveness checker reports that), or a service keeps its state where eosim cannot read
   * it (`service.state: false`).
   */
  readonly state: ReadonlyMap<string, S> | null;
  /** The unique input events, in offset order (each applied exactly once by the model). */
  readonly inputs: readonly InvariantInput<E>[];
  /** The outputs written to this output partition, without raw duplicates, in offset order. */
  readonly outputs: readonly InvariantOutput<O>[];
}

/**
 * The read-only view of a finished run that an invariant judges. Plain data, deep-frozen and
 * copied for each invariant: no live object of the simulation, and nothing one invariant does
 * reaches another.
 */
export interface InvariantView<S = unknown, E = unknown, O = unknown> {
  /** One entry per partition, indexed by partition number. */
  readonly partitions: readonly InvariantPartition<S, E, O>[];
}

/** One violation an invariant found. */
export interface InvariantAnomaly {
  /** What is wrong, in the user's words, e.g. `cart-2 still exists after its checkout`. */
  readonly detail: string;
  /** The partition it concerns, when there is one. */
  readonly partition?: number;
  /** The state key it concerns, when there is one. */
  readonly key?: string;
  /** The dedupe ID of the input it points at, when there is one (locates the failure in a replay). */
  readonly dedupeId?: string;
}

/**
 * A business rule a scenario's runs must keep, checked after every schedule.
 * @typeParam S - state value type
 * @typeParam E - input event payload type
 * @typeParam O - output payload type
 * @example
 * const reservedWithinStock: Invariant<InventoryState> = {
 *   name: "reserved-within-stock",
 *   check: (run) => run.partitions.flatMap((p) => [...(p.state ?? [])]
 *     .filter(([, sku]) => sku.reserved > sku.stock)
 *     .map(([key, sku]) => ({ partition: p.partition, key, detail: `${key} reserves ${sku.reserved} of ${sku.stock}` }))),
 * };
 */
export interface Invariant<S = unknown, E = unknown, O = unknown> {
  /**
   * Its name in reports and as the checker's name: lowercase letters, digits and dashes,
   * unique in the scenario and not a built-in checker's name.
   */
  readonly name: string;
  /** One line on the rule (optional). */
  readonly description?: string;
  /**
   * Judge a finished run: return what breaks the rule (empty when it holds). Must be pure: a
   * throw makes the run's verdict "unknown", never a pass.
   */
  check(run: InvariantView<S, E, O>): readonly InvariantAnomaly[];
}

/** Identity helper that infers an invariant's type parameters. */
export function defineInvariant<S, E, O>(invariant: Invariant<S, E, O>): Invariant<S, E, O> {
  return invariant;
}

/** A deep copy of a plain value, frozen. */
function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
  } else {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return Object.freeze(value);
}

/** A Map that refuses changes (a frozen Map still accepts `set`). */
class ReadonlyState<S> extends Map<string, S> {
  constructor(entries: Iterable<readonly [string, S]>) {
    super();
    for (const [key, value] of entries) Map.prototype.set.call(this, key, value);
  }

  override set(key: string): this {
    throw new TypeError(`the invariant view is read-only: cannot set state key ${key}`);
  }

  override delete(key: string): boolean {
    throw new TypeError(`the invariant view is read-only: cannot delete state key ${key}`);
  }

  override clear(): void {
    throw new TypeError("the invariant view is read-only: cannot clear the state");
  }
}

/** Build the view of a finished run for one invariant: fresh, frozen copies of `view` and the model. */
export function invariantViewOf(view: WorldView, context: CheckContext): InvariantView {
  const stateReadable = view.config.service === undefined || view.config.service.state !== null;
  const partitions: InvariantPartition[] = [];
  for (let partition = 0; partition < view.config.partitions; partition++) {
    const live = view.liveStores[partition];
    const state = !stateReadable || live == null ? null : new ReadonlyState([...live.state].map(([key, value]) => [key, frozenCopy(value)] as const));
    const applied = context.model.partitions[partition]?.applied;
    const inputs: InvariantInput[] = [];
    for (const record of view.inputArchive[partition] ?? []) {
      const event = record.value;
      if (event == null || applied?.get(event.dedupeId) !== record.offset) continue;
      inputs.push(Object.freeze({ dedupeId: event.dedupeId, key: event.key, payload: frozenCopy(event.payload), offset: record.offset }));
    }
    const seen = new Set<string>();
    const outputs: InvariantOutput[] = [];
    for (const record of view.output[partition] ?? []) {
      const output = record.value;
      if (output == null || seen.has(output.outputId)) continue;
      seen.add(output.outputId);
      outputs.push(Object.freeze({ outputId: output.outputId, cause: output.cause, payload: frozenCopy(output.payload), offset: record.offset }));
    }
    partitions.push(Object.freeze({ partition, state, inputs: Object.freeze(inputs), outputs: Object.freeze(outputs) }));
  }
  return Object.freeze({ partitions: Object.freeze(partitions) });
}

/**
 * The safety checker that runs `invariant` (its anomalies' kind is the invariant's name).
 * Its evidence is the `partitions` handed to the rule; a rule may judge nothing (one about
 * deletes, in a run without any), so none is required.
 */
export function invariantChecker(invariant: Invariant): Checker {
  const { name } = invariant;
  return {
    name,
    class: "safety",
    check(view, context, evidence) {
      const run = invariantViewOf(view, context);
      evidence.partitions = run.partitions.length;
      userCall.what = "invariant";
      userCall.name = name;
      let found: readonly InvariantAnomaly[];
      try {
        found = invariant.check(run);
      } finally {
        userCallDone();
      }
      if (!Array.isArray(found)) throw new TypeError(`invariant ${name} must return an array of anomalies, got ${found === null ? "null" : typeof found}`);
      return found.map((a: InvariantAnomaly, i): Anomaly => {
        if (typeof a !== "object" || a === null || typeof a.detail !== "string") throw new TypeError(`invariant ${name} returned an anomaly without a detail text (at index ${i})`);
        return {
          kind: name,
          ...(typeof a.partition === "number" ? { partition: a.partition } : {}),
          ...(typeof a.key === "string" ? { key: a.key } : {}),
          ...(typeof a.dedupeId === "string" ? { dedupeId: a.dedupeId } : {}),
          detail: a.detail,
        };
      });
    },
  };
}
