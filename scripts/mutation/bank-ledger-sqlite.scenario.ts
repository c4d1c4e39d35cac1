// Mutation testing's kill scenario for the reference runtime's SQLite store
// (src/store/sqlite-*.ts): the bank ledger as bank-ledger runs it, with every instance's store
// in SQLite. Not a built-in scenario: bank-ledger already tests the runtime, and this one
// exists to judge mutants of the SQLite code that no built-in reference scenario runs.
import { bankLedger, defineScenario } from "eosim";

export default defineScenario({
  name: "bank-ledger-sqlite",
  description: "bank ledger on the reference runtime with its stores in SQLite (mutation testing of src/store/sqlite-*.ts)",
  processor: bankLedger,
  topology: { partitions: 4, instances: 3, producers: 2, keys: 6 },
  store: "sqlite",
  runs: 500,
  expect: "pass",
});
