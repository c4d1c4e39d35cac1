// The reference runtime under every fault kind: deposits and withdrawals must be applied
// exactly once, outputs effectively once, and every changelog must restore the live store.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "bank-ledger",
  description: "bank ledger on the reference runtime under lost ACKs, crashes, rebalances and compaction",
  processor: bankLedger,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runs: 500,
  expect: "pass",
});
