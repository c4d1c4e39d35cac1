/**
 * Changelog compaction at an arbitrary moment: between any two steps, including while a
 * partition is being restored. What a restore reads must not depend on when the cleaner ran.
 * Compaction intents land only between intents; `restore-race.ts` lets the cleaner run
 * inside a restore too. Nothing to heal: compaction is not a fault a system recovers from,
 * it is what the changelog is.
 */
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";

/** `compact`: run the log cleaner on a changelog partition now. */
export const compactIntent = defineIntent({
  k: "compact",
  code: 9,
  fields: { partition: field.partition },
  describe: (intent) => `compact changelog partition ${intent.partition} (or the next ones until a clean removes records)`,
  apply(world, intent) {
    // The named partition, else the next ones until a clean removes something: most cleans
    // of one partition find nothing superseded yet, and a compaction that removes nothing
    // tests nothing.
    const first = world.partitionAt(intent.partition);
    const count = world.partitionCount;
    for (let i = 0; i < count; i++) if (world.compactChangelog((first + i) % count) > 0) return true;
    return true;
  },
});

/** The compaction fault kind: it bites when a compaction removes something. */
export const compactionFault = defineFault({
  kind: "compaction",
  description: "a changelog partition is compacted at any moment (compact intents)",
  intents: [compactIntent],
  draws: [compactIntent],
  coverage: { ops: [Op.compact], bit: () => (_op, _topicPartition, removed) => removed > 0 },
});
