/**
 * Compaction racing a restore: the broker's log cleaner may run between any two fetches of
 * a restore (see `Broker.fetch`, which runs it before a changelog fetch), with a chance of 0.15 per unit of the kind's
 * weight, drawn from the run's "broker" stream, and changelog fetches return a quarter of
 * the records asked for (a fetch size limit), so restores span fetches. A run setting, not intents. It bites when a
 * compaction removes records from a changelog partition while that partition is being
 * restored (as the broker's fetches and the store's commits show it).
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { slotActor, slotInstance, slotPartition, slotTopic } from "../core/packed-fields.ts";
import { defineFault } from "./fault-module.ts";

/** The restore-race fault kind. */
export const restoreRaceFault = defineFault({
  kind: "restore-race",
  description: "the log cleaner runs between the fetches of a restore (compaction racing the restore)",
  intents: [],
  draws: [],
  // A quarter of the records asked for per changelog fetch (one of a restore's 4), so that
  // restores of more than one record span fetches the cleaner can run between: with whole
  // pages most restores are one fetch and the race had nothing to race (effective in about
  // 1% of the schedules weighting it).
  settings: (weight) => ({ cleanerChancePerFetch: weight * 0.15, changelogFetchDivisor: 4 }),
  coverage: {
    // From the boundaries, not the runtime's notes: a reader is scanning a changelog partition
    // from its first fetch there until its store commits for that partition (a restore ends
    // by installing what it read) or its process ends; a compaction that removes records meanwhile
    // raced it.
    ops: [Op.fetch, Op.storeCommit, Op.crash, Op.exit, Op.compact],
    bit(run) {
      const scanning = new Uint32Array(run.partitions); // bit r set while reader r scans partition p
      return (op, a, b) => {
        if (op === Op.fetch) {
          if (slotTopic(a) === SendTarget.changelog) scanning[slotPartition(a)] |= 1 << slotActor(a);
        } else if (op === Op.storeCommit) {
          scanning[slotPartition(a)] &= ~(1 << slotInstance(a));
        } else if (op === Op.crash || op === Op.exit) {
          for (let p = 0; p < scanning.length; p++) scanning[p] &= ~(1 << a);
        } else {
          return b > 0 && scanning[slotPartition(a)] !== 0;
        }
        return false;
      };
    },
  },
});
