/**
 * Out-of-order retries: a producer with several sends in flight retries a later one first,
 * so events land in a different order than they were created (and, with the idempotent
 * producer on, the broker refuses the out-of-order one until the earlier one lands). It adds
 * no intent of its own: schedules draw retries of a later pending send (the workload's
 * `retry` with an index of 1 to 4) and lost requests, which leave sends pending. Healing the
 * lost requests is the lost-request kind's.
 */
import { Op } from "../core/history.ts";
import { field, type LooseIntent } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import { lostRequestIntent } from "./lost-request.ts";

const outOfOrder = (intent: LooseIntent): boolean => intent.k === "retry" && typeof intent.index === "number" && intent.index > 0;

/** The reorder fault kind. */
export const reorderFault = defineFault({
  kind: "reorder",
  description: "a producer with several sends in flight retries a later one first",
  intents: [],
  draws: [{ k: "retry", fields: { producer: field.producer, index: field.int(1, 4) } }, lostRequestIntent],
  coverage: { ops: [Op.intent], bit: (run) => (_op, index, _code, applied) => applied === 1 && outOfOrder(run.intentAt(index)) },
});
