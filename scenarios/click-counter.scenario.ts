// A click counter on the reference runtime under every fault kind: each click must be counted
// exactly once, so any duplicate or lost application shows in the final counts.
import { clickCounter, defineScenario } from "eosim";

export default defineScenario({
  name: "click-counter",
  description: "clicks counted per page under lost ACKs, crashes, rebalances and compaction",
  processor: clickCounter,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  runs: 500,
  expect: "pass",
});
