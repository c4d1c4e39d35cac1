// Mutation testing's second kill scenario for the reference runtime's SQLite store
// (src/store/sqlite-*.ts): inventory as the inventory scenario runs it, with every instance's
// store in SQLite. The bank ledger never deletes a key; inventory's discontinue does, so a
// store that keeps a deleted key (or its hash) is found here.
import { defineScenario, inventory } from "eosim";

export default defineScenario({
  name: "inventory-sqlite",
  description: "inventory with deletes on the reference runtime with its stores in SQLite (mutation testing of src/store/sqlite-*.ts)",
  processor: inventory,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  store: "sqlite",
  runs: 500,
  expect: "pass",
});
