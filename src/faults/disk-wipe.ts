/**
 * Disk loss: the instance dies and comes back (on restart) with an empty disk, so every
 * partition it gets must be restored from the changelog. Schedules draw wipes with restarts;
 * healing is the crash kind's (it restarts every dead instance).
 */
import { Op } from "../core/history.ts";
import { restartIntent } from "./crash.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import type { InstanceHost } from "./fault-world.ts";

/** Crash `instance` (if running) and wipe its disk. */
export function wipeDisk(instance: InstanceHost): boolean {
  if (instance.alive) instance.crash();
  instance.wipeDisk();
  return true;
}

/** `wipe`: crash an instance (if running) and empty its disk. */
export const wipeIntent = defineIntent({
  k: "wipe",
  code: 13,
  fields: { instance: field.instance },
  describe: (intent) => `wipe the disk of instance ${intent.instance} (or the next one whose disk holds something)`,
  apply(world, intent) {
    // The named instance, else the next one whose disk holds something: an instance that
    // never owned a partition has nothing to lose, and a wipe of an empty disk tests no
    // restore (it was effective in about 1 schedule in 30 of the service scenario's).
    const first = intent.instance % world.hosts.length;
    for (let i = 0; i < world.hosts.length; i++) {
      const host = world.hostAt(first + i);
      if (host.diskHoldsData) return wipeDisk(host);
    }
    return wipeDisk(world.hostAt(first));
  },
});

/** The disk-wipe fault kind. */
export const diskWipeFault = defineFault({
  kind: "disk-wipe",
  description: "an instance dies and comes back with an empty disk",
  intents: [wipeIntent],
  draws: [wipeIntent, restartIntent],
  // Bitten when a wipe emptied a disk that held something (the host counts namespaces before
  // and after): wiping an instance that never stored anything, or a wipe that removed
  // nothing, tests no restore.
  coverage: { ops: [Op.wipe], bit: () => (_op, _instance, before, after) => before > 0 && after === 0 },
});
