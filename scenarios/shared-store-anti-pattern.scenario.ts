// The shared-store anti-pattern (scenarios/services/customer-projection-shared.ts): service A
// keeps a materialized customer table in an external database and rebuilds it from its input
// whenever partitions move; service B reads A's table directly. A's table is exactly-once, yet
// B sees customers disappear and come back at older versions: monotonic-reads fails, naming
// the reader and the customer. Its twin, shared-store-own-copy, passes.
import { customerTable, defineScenario } from "eosim";

export default defineScenario({
  name: "shared-store-anti-pattern",
  description: "service B reads service A's materialized table in a shared database while A rebuilds it: B's reads go back",
  service: {
    module: new URL("./services/customer-projection-shared.ts", import.meta.url),
    start: "start",
    topics: { input: "customer-events", output: "customer-changes" },
    database: true,
    state: { namespace: "customers", in: "database" },
    monotonicReads: { reader: "service-b", namespace: "customers" },
  },
  model: customerTable,
  topology: { partitions: 4 },
  // Neither service's outputs are what the pair is about; A's rebuild replays its input, so
  // no retention (truncation) and no local-store faults (A's table is in the database).
  checkers: ["exactly-once-state", "monotonic-reads", "offsets", "liveness"],
  faults: ["lost-ack", "lost-request", "ambiguous-error", "delayed-reply", "reorder", "no-idempotence", "crash", "rebalance", "pause", "upstream-duplicate"],
  runs: 200,
  expect: "fail",
});
