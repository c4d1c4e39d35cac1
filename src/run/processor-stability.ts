/**
 * Whether a processor answers the same input the same way twice. Re-running a schedule
 * catches a processor whose randomness changes the history (its writes, hence the changelog
 * and the state hashes), but not one whose randomness shows only in its outputs' payloads or
 * in what the reference model computes: the model calls the processor again on every input,
 * gets a fresh random answer, and the run looks like a wrong output of the runtime. So before
 * a failure is reported, the processor is asked twice about every unique input of the failing
 * schedule, on the model's state, once under each of two clocks and randomness sources
 * (`shifted-environment.ts`), so that an answer read from either differs every time; different
 * answers are non-determinism, not a safety failure. Runs only on the failure path.
 */
import { shortJson } from "../core/one-line.ts";
import { toPlainValue } from "../core/plain-value.ts";
import { ModelStateView } from "../check/reference-model.ts";
import { processAsUser } from "../runtime/user-call.ts";
import { underEnvironment } from "./shifted-environment.ts";
import type { Processor } from "../runtime/processor.ts";
import type { WorldView } from "../sim/world-view.ts";

/** An input the processor answered differently on two calls with the same state. */
export interface UnstableAnswer {
  readonly dedupeId: string;
  readonly key: string;
  readonly first: string;
  readonly second: string;
}

function answerOf(processor: Processor, state: ModelStateView, event: Parameters<Processor["process"]>[1], which: 0 | 1, originMs: number): { text: string; result: ReturnType<Processor["process"]> } {
  const result = underEnvironment(which, originMs, () => processAsUser(processor, state, event));
  return { text: shortJson(result, 200) ?? "(not JSON)", result };
}

/**
 * The first unique input of `view` that the processor answers differently twice, or null
 * (also when asking throws: the failure found stands as it is). Written values are frozen as
 * the runtime freezes them, so a processor that mutates what `state.get()` returned cannot
 * make its second answer differ.
 */
export function unstableAnswer(view: WorldView): UnstableAnswer | null {
  try {
    return firstUnstable(view);
  } catch {
    return null;
  }
}

function firstUnstable(view: WorldView): UnstableAnswer | null {
  const processor = view.config.processor;
  const originMs = Date.now();
  for (const records of view.inputArchive) {
    const state = new Map<string, unknown>();
    const stateView = new ModelStateView(state);
    const applied = new Set<string>();
    for (const record of records) {
      const event = record.value!;
      if (applied.has(event.dedupeId)) continue;
      applied.add(event.dedupeId);
      const first = answerOf(processor, stateView, event, 0, originMs);
      const second = answerOf(processor, stateView, event, 1, originMs);
      if (first.text !== second.text) return { dedupeId: event.dedupeId, key: event.key, first: first.text, second: second.text };
      for (const write of first.result.writes ?? []) {
        if (write.value === null) state.delete(write.key);
        else state.set(write.key, toPlainValue(write.value));
      }
    }
  }
  return null;
}
