// Mutation testing's kill scenario for a single instance (stryker.config.mjs): the bank
// ledger on one instance, as a small service is often deployed. Every crash,
// pause and rebalance leaves no other instance to take the partitions over, so the instance
// itself must rejoin, take its assignment up again and restore or reuse its stores. A
// runtime that misses its first assignment, or never rejoins after its session expired,
// leaves every partition without an owner, which the other scenarios, with two or three
// instances to fall back on, cannot see. Not a built-in scenario: with one instance, an aimed
// crash often finds it already down, so the crash fault bites in about 17% of the schedules
// that weight it, below the 20% the built-in scenarios hold to.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "bank-ledger-one-instance",
  description: "bank ledger on one instance of the reference runtime: it alone must rejoin and resume after every crash, pause and rebalance",
  processor: bankLedger,
  topology: { partitions: 2, instances: 1, producers: 2, keys: 4 },
  runs: 300,
  expect: "pass",
});
