/**
 * What checkers share within one run: the reference model, folded at most once per run and
 * only when a checker asks for it. Built by `checkRun` for each run and dropped with it, so
 * nothing of one run outlives it in a cache.
 */
import type { WorldView } from "../sim/world-view.ts";
import { type ReferenceModel, referenceModel } from "./reference-model.ts";

/** The per-run context handed to every checker. */
export interface CheckContext {
  /** The processor folded over the unique inputs (computed on first use). */
  readonly model: ReferenceModel;
}

/** A fresh context for `view`. */
export function checkContextOf(view: WorldView): CheckContext {
  let model: ReferenceModel | undefined;
  return {
    get model() {
      return (model ??= referenceModel(view));
    },
  };
}
