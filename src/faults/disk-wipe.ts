/**
 * Disk loss: the instance dies and comes back (on restart) with an empty disk, so every
 * partition it gets must be restored from the changelog.
 */
import type { InstanceHost } from "./fault-world.ts";

/** Crash `instance` (if running) and wipe its disk. */
export function wipeDisk(instance: InstanceHost): boolean {
  if (instance.alive) instance.crash();
  instance.wipeDisk();
  return true;
}
