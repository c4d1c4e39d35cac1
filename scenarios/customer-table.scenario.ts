// A materialized customer table (whole-record upserts and deletes) on the reference runtime
// under every fault kind: the table and its changelog must match the latest record per customer.
import { customerTable, defineScenario } from "eosim";

export default defineScenario({
  name: "customer-table",
  description: "materialized customer table of upserts and deletes under lost ACKs, crashes, rebalances and compaction",
  processor: customerTable,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runs: 500,
  expect: "pass",
});
