/**
 * Disk loss: the instance dies and comes back (on restart) with an empty disk, so every
 * partition it gets must be restored from the changelog.
 */
import { Op } from "../core/history.ts";
import type { History } from "../core/history.ts";
import type { Instance } from "../runtime/instance.ts";

/** Crash `instance` (if running) and wipe its disk. */
export function wipeDisk(instance: Instance, history: History): boolean {
  if (instance.alive) instance.crash();
  instance.disk.wipe();
  history.record(Op.wipe, instance.id);
  return true;
}
