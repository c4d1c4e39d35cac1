/**
 * Changelog compaction at an arbitrary moment: between any two steps, including while a
 * partition is being restored. What a restore reads must not depend on when the cleaner ran.
 * The `restore-race` fault kind goes further: the broker's cleaner may run between any two
 * fetches of a restore (see `Broker.fetchChangelog`), drawn from the run's "broker" stream.
 */
import type { FaultWorld } from "./fault-world.ts";

/** Compact changelog `partition` now; returns the number of records removed. */
export function compactChangelog(world: FaultWorld, partition: number): number {
  return world.compactChangelog(partition);
}
