// Dedupe switched off on a table of versioned upserts: retries, out-of-order retries and
// upstream re-publishes all deliver duplicates, and the table stays exactly-once anyway.
import { customerTable, defineScenario } from "eosim";

export default defineScenario({
  name: "customer-table-no-dedupe",
  description: "dedupe off, duplicates everywhere: versioned upserts make them harmless (compare bank-ledger-no-dedupe)",
  processor: customerTable,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runtime: { dedupe: false },
  runs: 500,
  expect: "pass",
});
