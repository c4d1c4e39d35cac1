// A planted bug: the runtime stops dropping inputs whose dedupe ID it has seen, so a producer
// retry after a lost ACK is applied twice. eosim must catch it (expect: "fail").
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "bank-ledger-no-dedupe",
  description: "planted bug: dedupe switched off, so retried deposits double-apply",
  processor: bankLedger,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runtime: { dedupe: false },
  runs: 2000,
  expect: "fail",
});
