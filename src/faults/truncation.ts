/**
 * Log-start truncation: retention deletes the oldest input records of a partition, up to the
 * group's committed offset (data every consumer has confirmed). A runtime that resumes from
 * an offset below the new log start would skip to the next record that still exists.
 */
import type { FaultWorld } from "./fault-world.ts";

/** Truncate input `partition` up to its committed offset; false when there is nothing to drop. */
export function truncateInput(world: FaultWorld, partition: number): boolean {
  const committed = world.committedOffset(partition);
  if (committed <= world.inputLogStart(partition)) return false;
  world.truncateInput(partition, committed);
  return true;
}
