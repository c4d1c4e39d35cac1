// Partitions that move all the time (eager rebalancing), under pauses (zombies), truncation,
// disk wipes, crashes and a cleaner that races restores, on one changelog partition with
// small segments and a short delete retention: restores read changelogs holding several
// versions of a key and tombstones the cleaner has kept for a while, and stale stores come
// back after truncation. Few keys, so every key sees many events.
import { defineScenario, inventory } from "eosim";

export default defineScenario({
  name: "inventory-moves",
  description: "inventory on one partition moving between 3 instances: eager rebalances, pauses, truncation, disk wipes, compaction racing restores",
  processor: inventory,
  topology: { partitions: 1, instances: 3, producers: 2, keys: 2 },
  faults: ["rebalance", "pause", "truncation", "disk-wipe", "crash", "compaction", "restore-race", "lost-ack"],
  compaction: { segmentRecords: 2, deleteRetentionTicks: 10 },
  runs: 500,
  expect: "pass",
});
