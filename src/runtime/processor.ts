/**
 * The Processor API: the user's business logic as a pure function.
 *
 * A processor sees a read-only view of its partition's state and one input event, and
 * returns the state writes and the outputs the event causes. It must be deterministic and
 * free of side effects: the runtime decides when (and, under faults, how often) it runs, and
 * the checkers fold the same function over the unique input events as the reference model.
 */
import type { InputEvent } from "../broker/log-record.ts";

export type { InputEvent };

/** Read access to one partition's committed state. */
export interface StateView<S> {
  get(key: string): S | undefined;
}

/** One state write; `value: null` deletes the key (a tombstone in the changelog). */
export interface StateWrite<S> {
  readonly key: string;
  readonly value: S | null;
}

/** What one event does. */
export interface ProcessResult<S, O> {
  readonly writes?: readonly StateWrite<S>[];
  readonly outputs?: readonly O[];
}

/** An event to produce, built by the processor's workload from generated numbers. */
export interface WorkloadEvent<E> {
  readonly key: string;
  readonly payload: E;
}

/**
 * Business logic plus the workload that exercises it.
 * @typeParam S - state value type
 * @typeParam E - input event payload type
 * @typeParam O - output payload type
 */
export interface Processor<S = unknown, E = unknown, O = unknown> {
  /** Short name shown in listings and reports. */
  readonly name: string;
  /** One line on what the processor does. */
  readonly description?: string;
  /**
   * Names of the kinds of input event `makeEvent` builds (e.g. `["deposit", "withdraw"]`).
   * Optional: declaring them lets a scenario weight them with `workload.mix`, and lets a
   * schedule ask for a kind by its index in this list.
   */
  readonly eventKinds?: readonly string[];
  /**
   * Build an input event from generated numbers, so fast-check can shrink the workload:
   * `keyIndex` in [0, keys), `draw` in [0, 1000), one draw in three from 0-2 (so that equal
   * events on one key are common: two of them are two events). `eventTime` counts the events
   * created so far in the run (0, 1, 2, ...): a monotonic upstream timestamp, for processors
   * whose events carry a version. `kind`, one of {@link Processor.eventKinds}, is given only
   * when the scenario sets `workload.mix`: build an event of that kind (the rest still from
   * `draw`). Without it, choose the kind from `draw` as well.
   */
  makeEvent(keyIndex: number, draw: number, eventTime: number, kind?: string): WorkloadEvent<E>;
  /** Apply one event. Must be pure and deterministic. */
  process(state: StateView<S>, event: InputEvent<E>): ProcessResult<S, O>;
}

/**
 * The event kind a produce intent's `kind` index asks `processor` for, or undefined (let the
 * processor choose) when the intent has none or the processor declares no kinds. The index
 * wraps around the list like every other index of an intent, so interpretation stays total.
 */
export function eventKindAt(processor: Processor, index: number | undefined): string | undefined {
  const kinds = processor.eventKinds;
  if (index === undefined || kinds === undefined || kinds.length === 0) return undefined;
  return kinds[index % kinds.length];
}

/** Identity helper that infers a processor's type parameters. */
export function defineProcessor<S, E, O>(processor: Processor<S, E, O>): Processor<S, E, O> {
  return processor;
}
