/**
 * The reference model: the processor folded over each partition's *unique* input events
 * (first occurrence of each dedupe ID, in offset order), each applied exactly once, on a plain
 * Map. Its final state and outputs are what an exactly-once service must end with.
 */
import { outputIdOf } from "../core/ids.ts";
import { entryHash } from "../core/state-hash.ts";
import type { Processor } from "../runtime/processor.ts";
import { processAsUser } from "../runtime/user-call.ts";
import type { WorldView } from "../sim/world-view.ts";

/** The model's result for one partition. */
export interface PartitionModel {
  readonly state: Map<string, unknown>;
  /** Dedupe IDs applied, with the input offset of their first occurrence. */
  readonly applied: Map<string, number>;
  /** Last input offset that wrote each key (for pointing at where a divergence began). */
  readonly lastWriter: Map<string, number>;
  /** `stateHashBefore[o]`: state hash after applying every unique input below offset o. */
  readonly stateHashBefore: number[];
}

/** The model's result for a whole run. */
export interface ReferenceModel {
  readonly partitions: readonly PartitionModel[];
  /** Expected outputs by cause (`<input dedupe ID>/o<index>`). */
  readonly outputs: Map<string, unknown>;
}

/** The processor's read-only view of a state kept in a Map (the model's, or a re-fold's). */
export class ModelStateView {
  constructor(private readonly state: ReadonlyMap<string, unknown>) {}

  get(key: string): unknown {
    return this.state.get(key);
  }
}

/** What the model reads of a run: the processor and every input record ever appended. */
export type ModelInputs = Pick<WorldView, "inputArchive"> & { readonly config: Pick<WorldView["config"], "processor"> };

/**
 * Fold `view`'s input logs through the processor. Runs once per schedule over every input:
 * loops rather than callbacks, since under the TypeScript loader each closure created costs a
 * property definition (its kept name). Only the processor and the input archive are read, so
 * inputs from outside a simulated run (the real-crash suite's) can be folded too.
 */
export function referenceModel(view: ModelInputs): ReferenceModel {
  const processor: Processor = view.config.processor;
  const outputs = new Map<string, unknown>();
  const partitions: PartitionModel[] = [];
  for (const records of view.inputArchive) {
    const state = new Map<string, unknown>();
    const applied = new Map<string, number>();
    const lastWriter = new Map<string, number>();
    const stateView = new ModelStateView(state);
    const stateHashBefore = [0];
    let hash = 0;
    for (const record of records) {
      const event = record.value!;
      if (!applied.has(event.dedupeId)) {
        applied.set(event.dedupeId, record.offset);
        // Not checked again (the runtime checked every result it used, `processor-contract.ts`):
        // the model only compares values, and the check costs as much as the fold.
        const result = processAsUser(processor, stateView, event);
        for (const write of result.writes ?? []) {
          if (state.has(write.key)) hash = (hash - entryHash(write.key, state.get(write.key))) >>> 0;
          if (write.value === null) state.delete(write.key);
          else {
            state.set(write.key, write.value);
            hash = (hash + entryHash(write.key, write.value)) >>> 0;
          }
          lastWriter.set(write.key, record.offset);
        }
        const produced = result.outputs ?? [];
        for (let i = 0; i < produced.length; i++) outputs.set(outputIdOf(event.dedupeId, i), produced[i]);
      }
      stateHashBefore[record.offset + 1] = hash;
    }
    partitions.push({ state, applied, lastWriter, stateHashBefore });
  }
  return { partitions, outputs };
}
