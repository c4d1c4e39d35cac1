// The bank ledger with its state in an external database across the simulated network:
// state, dedupe IDs, the input offset and the outbox in one database transaction, offsets
// resumed from the database (scenarios/services/external-ledger-service.ts). Requests are
// lost, replies are lost after the write, replies come after the client gave up.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "external-store",
  description: "the ledger with state, dedupe IDs and offsets in one transaction of an external database, under network faults, late replies, crashes and rebalances",
  service: {
    module: new URL("./services/external-ledger-service.ts", import.meta.url),
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
  expect: "pass",
});
