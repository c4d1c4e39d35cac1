/**
 * Compaction racing a restore: the broker's log cleaner may run between any two fetches of
 * a restore (see `Broker.fetchChangelog`), with a chance of 0.15 per unit of the kind's
 * weight, drawn from the run's "broker" stream. A run setting, not intents. It bites when a
 * compaction removes records from a changelog partition while that partition is being
 * restored.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { defineFault } from "./fault-module.ts";

/** The restore-race fault kind. */
export const restoreRaceFault = defineFault({
  kind: "restore-race",
  description: "the log cleaner runs between the fetches of a restore (compaction racing the restore)",
  intents: [],
  draws: [],
  settings: (weight) => ({ cleanerChancePerFetch: weight * 0.15 }),
  coverage: {
    ops: [Op.restoreStart, Op.restoreEnd, Op.compact],
    bit(run) {
      const restoring = new Uint8Array(run.partitions); // 1 while changelog partition p is being restored
      return (op, a, b) => {
        if (op === Op.restoreStart) restoring[b] = 1;
        else if (op === Op.restoreEnd) restoring[b] = 0;
        else return b > 0 && restoring[a - SendTarget.changelog * 256] === 1;
        return false;
      };
    },
  },
});
