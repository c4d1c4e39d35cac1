/**
 * Which of the user's functions is running, so that a watchdog that stops a stuck schedule
 * (`core/watchdog.ts`) can say whose code it stopped, on which input: the processor's
 * `process`, its `makeEvent`, or a scenario invariant. Set before each call and cleared after;
 * a few field writes per call, cheap enough for the hot path.
 */
import type { InputEvent } from "../broker/log-record.ts";
import { oneLine } from "../core/one-line.ts";
import type { Processor, ProcessResult, StateView } from "./processor.ts";

/** The user call in flight (one thread runs one schedule at a time). */
export const userCall = {
  /** "process", "makeEvent", "invariant", or "" when eosim's own code runs. */
  what: "" as "" | "process" | "makeEvent" | "invariant",
  /** The processor's (or invariant's) name. */
  name: "",
  /** The input being processed (for "process"). */
  dedupeId: "",
  key: "",
};

/** Mark the end of a user call. */
export function userCallDone(): void {
  userCall.what = "";
}

/**
 * `processor.process(state, event)` as the user's code, for eosim's own re-folds of the input
 * (the reference model, the stability check): a call that never returns is then blamed on
 * the processor and names the input. Errors pass through, unlabelled.
 */
export function processAsUser(processor: Processor, state: StateView<unknown>, event: InputEvent<unknown>): ProcessResult<unknown, unknown> {
  userCall.what = "process";
  userCall.name = processor.name;
  userCall.dedupeId = event.dedupeId;
  userCall.key = event.key;
  const result = processor.process(state, event);
  userCallDone();
  return result;
}

/**
 * A schedule stopped by the watchdog after `budgetMs` of real time: the user's mistake when one
 * of the user's functions was running (a loop that never ends), eosim's own otherwise. Either
 * way the run stops at once: shrinking would run the stuck code again and again.
 */
export class StuckError extends Error {
  override readonly name = "StuckError";
  constructor(
    message: string,
    /** Whose code was stuck: the user's ("processor", exit 2) or eosim's ("harness", exit 4). */
    readonly blame: "processor" | "harness",
  ) {
    super(oneLine(message));
  }
}

/** The {@link StuckError} for a schedule that ran past `budgetMs`, naming the call in flight. */
export function stuckError(budgetMs: number): StuckError {
  const { what, name, dedupeId, key } = userCall;
  const hint = `(an endless loop? if it is only slow, raise the scenario's budgetMs)`;
  if (what === "process") return new StuckError(`processor "${name}" did not return within ${budgetMs} ms on input ${dedupeId} (key ${key}) ${hint}`, "processor");
  if (what === "makeEvent") return new StuckError(`processor "${name}" makeEvent did not return within ${budgetMs} ms ${hint}`, "processor");
  if (what === "invariant") return new StuckError(`invariant "${name}" did not return within ${budgetMs} ms ${hint}`, "processor");
  return new StuckError(`a schedule ran for more than ${budgetMs} ms of real time outside the scenario's code (a bug in eosim)`, "harness");
}

