// Restores that outlive the changelog's delete retention. One inventory key, restocked and
// discontinued over and over, on one changelog partition with 2-record segments and a
// 3-tick delete retention, while the cleaner runs between a restore's fetches and crashes and
// disk wipes force restores: a restore still scanning when a tombstone it has not reached is
// cleaned away would bring the deleted key back, so the runtime must start a restore over
// once it has taken longer than the retention. A runtime without that restart fails here
// (seed 1: within 183 schedules); no other built-in scenario has restores that slow.
import { defineScenario, inventory } from "eosim";

export default defineScenario({
  name: "inventory-slow-restores",
  description: "inventory on one key with deletes: restores slower than a 3-tick delete retention, the cleaner racing them, crashes and disk wipes",
  processor: inventory,
  topology: { partitions: 1, instances: 2, producers: 1, keys: 1 },
  faults: ["restore-race", "crash", "disk-wipe"],
  workload: { mix: { restock: 2, reserve: 1, release: 0, discontinue: 2 } },
  compaction: { segmentRecords: 2, deleteRetentionTicks: 3 },
  runs: 500,
  expect: "pass",
});
