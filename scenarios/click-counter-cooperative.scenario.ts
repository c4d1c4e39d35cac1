// Cooperative rebalancing (partitions that stay keep their task; the rest move and are
// restored) under pauses, truncation and disk wipes. The click counter's output is the count
// after each click, so an input processed again from a stale store gives a different answer
// than its owner gave: a count that repeats or skips shows where.
import { clickCounter, defineScenario } from "eosim";

export default defineScenario({
  name: "click-counter-cooperative",
  description: "click counts under cooperative rebalancing with pauses, truncation, disk wipes and crashes",
  processor: clickCounter,
  topology: { partitions: 2, instances: 3, producers: 2, keys: 3 },
  runtime: { rebalance: "cooperative" },
  faults: ["rebalance", "pause", "truncation", "disk-wipe", "crash", "compaction", "lost-ack"],
  compaction: { segmentRecords: 2 },
  runs: 500,
  expect: "pass",
});
