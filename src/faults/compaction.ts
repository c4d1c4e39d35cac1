/**
 * Changelog compaction at an arbitrary moment: between any two steps, including while a
 * partition is being restored. What a restore reads must not depend on when the cleaner ran.
 */
import type { Broker } from "../broker/broker.ts";

/** Compact changelog `partition` now; returns the number of records removed. */
export function compactChangelog(broker: Broker<unknown, unknown, unknown>, partition: number): number {
  return broker.compactChangelog(partition);
}
