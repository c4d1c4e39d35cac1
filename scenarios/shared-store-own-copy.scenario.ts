// The twin of shared-store-anti-pattern (scenarios/services/customer-reader-own-copy.ts):
// service B keeps its own copy of the customer table in its own store, materialized from the
// customer topic (A's output, played here by eosim's producers, re-sends of older versions
// included) and restored from its own changelog. B's reads of its copy only move forward.
import { customerTable, defineScenario } from "eosim";

export default defineScenario({
  name: "shared-store-own-copy",
  description: "service B reads its own copy of the customer table, materialized from A's output topic: B's reads only move forward",
  service: {
    module: new URL("./services/customer-reader-own-copy.ts", import.meta.url),
    start: "start",
    topics: { input: "customer-events", output: "customer-changes", changelog: "service-b-changelog" },
    state: { namespace: "customers" },
    monotonicReads: { reader: "service-b", namespace: "customers" },
  },
  model: customerTable,
  topology: { partitions: 4 },
  // The same checkers as its twin, plus restoration (B's copy is logged to its changelog).
  checkers: ["exactly-once-state", "monotonic-reads", "restoration", "offsets", "liveness"],
  faults: ["lost-ack", "lost-request", "ambiguous-error", "reorder", "no-idempotence", "crash", "disk-wipe", "rebalance", "pause", "compaction", "restore-race", "upstream-duplicate"],
  runs: 200,
  expect: "pass",
});
