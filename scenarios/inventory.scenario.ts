// Inventory reservations with deletes on the reference runtime under every fault kind: restocks
// and reservations must apply exactly once, and discontinued SKUs must stay deleted on restore.
import { defineScenario, inventory } from "eosim";

export default defineScenario({
  name: "inventory",
  description: "inventory reservations with deletes (tombstones) under lost ACKs, crashes, rebalances and compaction",
  processor: inventory,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runs: 500,
  expect: "pass",
});
