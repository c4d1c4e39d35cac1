/**
 * Log-start truncation: retention deletes the oldest input records of a partition, up to the
 * group's committed offset (data every consumer has confirmed). A runtime that resumes from
 * an offset below the new log start would skip to the next record that still exists.
 */
import { Op } from "../core/history.ts";
import { crashAimSteps } from "./crash.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import type { FaultWorld } from "./fault-world.ts";

/** Truncate input `partition` up to its committed offset; false when there is nothing to drop. */
export function truncateInput(world: FaultWorld, partition: number): boolean {
  const committed = world.committedOffset(partition);
  if (committed <= world.inputLogStart(partition)) return false;
  world.truncateInput(partition, committed);
  return true;
}

/** `truncate`: retention deletes an input partition's records below its committed offset. */
export const truncateIntent = defineIntent({
  k: "truncate",
  code: 16,
  fields: { partition: field.partition },
  describe: (intent) => `truncate input partition ${intent.partition} (or the next with consumed input) up to its committed offset, stepping the instances first until one has`,
  apply(world, intent) {
    // The named partition, else the next one with consumed input: a truncation that finds
    // nothing to drop would leave most schedules without one (retention bites only where a
    // commit moved past the log start, early in a schedule rarely). When none has yet, the
    // instances step round-robin until a commit gives one (as an aimed crash steps toward its
    // point, letting a tick pass when none has anything to do), within the steps an aimed
    // crash may take.
    const first = world.partitionAt(intent.partition);
    const count = world.partitionCount;
    for (let round = 0; round <= crashAimSteps; round++) {
      for (let i = 0; i < count; i++) if (truncateInput(world, (first + i) % count)) return true;
      let stepped = false;
      for (const host of world.hosts) stepped = host.step() || stepped;
      // Nothing to do now: a user's service may be waiting on a timer (its auto-commit).
      if (!stepped) world.wait(1);
    }
    return false;
  },
});

/** The truncation fault kind. */
export const truncationFault = defineFault({
  kind: "truncation",
  description: "retention deletes consumed input records (log-start truncation)",
  intents: [truncateIntent],
  draws: [truncateIntent],
  coverage: { ops: [Op.truncate] },
});
