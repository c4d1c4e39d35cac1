// The bank ledger as an ordinary kafkajs service (scenarios/services/ledger-service.ts), run
// unmodified under every fault and judged against the bank-ledger model.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "ledger-service",
  description: "the bank ledger as a kafkajs service with a dedupe table and an outbox in its store, every fault",
  service: {
    module: new URL("./services/ledger-service.ts", import.meta.url),
    start: "start",
    topics: { input: "ledger-commands", output: "ledger-events", changelog: "ledger-changelog" },
    state: { namespace: "balances" },
  },
  model: bankLedger,
  runs: 500,
  expect: "pass",
});
