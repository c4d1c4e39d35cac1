// Helpers for processor unit tests: a plain-Map state view and a fold that applies events in
// order, recording every output, the way the reference model does.
import type { InputEvent, Processor, ProcessResult, StateView } from "../../../src/runtime/processor.ts";

/** A state view over a Map. */
export function viewOf<S>(state: Map<string, S>): StateView<S> {
  return { get: (key) => state.get(key) };
}

/** Apply `result`'s writes to `state` (null deletes). */
export function applyWrites<S>(state: Map<string, S>, result: ProcessResult<S, unknown>): void {
  for (const write of result.writes ?? []) {
    if (write.value === null) state.delete(write.key);
    else state.set(write.key, write.value);
  }
}

/** An input event with a dedupe ID. */
export function inputOf<E>(key: string, payload: E, dedupeId = "p0-0"): InputEvent<E> {
  return { dedupeId, key, payload };
}

/** Fold `events` through `processor` from an empty state; returns the final state and all outputs. */
export function fold<S, E, O>(processor: Processor<S, E, O>, events: readonly InputEvent<E>[]): { state: Map<string, S>; outputs: O[] } {
  const state = new Map<string, S>();
  const outputs: O[] = [];
  for (const event of events) {
    const result = processor.process(viewOf(state), event);
    applyWrites(state, result);
    outputs.push(...(result.outputs ?? []));
  }
  return { state, outputs };
}

/** The event `processor` makes from (keyIndex, draw), as an input event. */
export function made<S, E, O>(processor: Processor<S, E, O>, keyIndex: number, draw: number, dedupeId = `p0-${keyIndex}-${draw}`): InputEvent<E> {
  const { key, payload } = processor.makeEvent(keyIndex, draw, 0);
  return inputOf(key, payload, dedupeId);
}
