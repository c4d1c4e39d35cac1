// The ledger service (scenarios/services/ledger-service.ts), unmodified, with its store in an
// embedded SQLite database per instance disk instead of the simulated one: the same faults,
// the same checkers. Needs better-sqlite3 12.x (npm install --save-dev better-sqlite3@12).
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "ledger-service-sqlite",
  description: "the ledger service with its store in SQLite (better-sqlite3), every fault",
  service: {
    module: new URL("./services/ledger-service.ts", import.meta.url),
    start: "start",
    topics: { input: "ledger-commands", output: "ledger-events", changelog: "ledger-changelog" },
    state: { namespace: "balances" },
  },
  model: bankLedger,
  store: "sqlite",
  runs: 200,
  expect: "pass",
});
