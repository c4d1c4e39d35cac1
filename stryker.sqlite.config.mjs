// Mutation testing of the reference runtime's SQLite store (`npm run mutation`, after
// stryker.config.mjs). No built-in reference scenario keeps its stores in SQLite, so these
// files get their own kill command: the bank ledger with `store: "sqlite"`
// (scripts/mutation/bank-ledger-sqlite.scenario.ts), an expect-pass scenario at its default
// budget and the same fixed seed. A mutant is killed when eosim finds it (any exit code but 0).
import base from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  commandRunner: { command: "node --conditions=eosim-source bin/eosim.js run scripts/mutation/bank-ledger-sqlite.scenario.ts --seed 1 --quiet" },
  mutate: ["src/store/sqlite-*.ts"],
  jsonReporter: { fileName: "reports/mutation/mutation-sqlite.json" },
  tempDirName: ".stryker-tmp-sqlite",
};
