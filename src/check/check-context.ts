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

/** The context of one run: the model is folded on first use. */
class RunContext implements CheckContext {
  private folded: ReferenceModel | undefined;

  constructor(private readonly view: WorldView) {}

  get model(): ReferenceModel {
    return (this.folded ??= referenceModel(this.view));
  }
}

/**
 * A fresh context for `view`. A class, not an object literal with a getter: V8 kept such a
 * literal, and the run's whole world it reaches, alive past the young-generation collections
 * that followed (measured, even for a getter that captures nothing); a class with the getter on
 * its prototype does not (see "A getter that kept every world alive" in `docs/design-notes.md`).
 */
export function checkContextOf(view: WorldView): CheckContext {
  return new RunContext(view);
}
