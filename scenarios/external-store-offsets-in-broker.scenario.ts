// The anti-example of external-store: balances in the external database, offsets only in the
// consumer group (scenarios/services/external-ledger-offsets-in-broker.ts). A lost reply
// retried, or a crash between the database commit and the offset commit, applies an input
// twice: expect the failure to be found, shrunk and replayed.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "external-store-offsets-in-broker",
  description: "the ledger with state in an external database and offsets only in the group: a lost reply or a crash double-applies",
  service: {
    module: new URL("./services/external-ledger-offsets-in-broker.ts", import.meta.url),
    start: "start",
    topics: { input: "ledger-commands", output: "ledger-events" },
    database: true,
    state: { namespace: "balances", in: "database" },
  },
  model: bankLedger,
  // Every fault but those of a local store (disk wipes, changelog compaction and restores):
  // the state is not on the instances' disks.
  faults: ["lost-ack", "lost-request", "ambiguous-error", "delayed-reply", "reorder", "no-idempotence", "crash", "rebalance", "pause", "truncation", "upstream-duplicate"],
  runs: 200,
  expect: "fail",
});
