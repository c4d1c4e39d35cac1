// The reference runtime with cooperative rebalancing: partitions that stay with their owner
// keep their running task across rebalances; the rest move and are restored.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "bank-ledger-cooperative",
  description: "bank ledger on the reference runtime with cooperative rebalancing, every fault",
  processor: bankLedger,
  runtime: { rebalance: "cooperative" },
  runs: 500,
  expect: "pass",
});
