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
  describe: (intent) => `compact changelog partition ${intent.partition}`,
  apply(world, intent) {
    world.compactChangelog(world.partitionAt(intent.partition));
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
