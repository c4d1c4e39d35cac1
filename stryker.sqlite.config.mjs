// Mutation testing of the reference runtime's SQLite store (`npm run mutation`, after
// stryker.config.mjs). No built-in reference scenario keeps its stores in SQLite, so these
// files get their own kill command: the bank ledger and inventory (whose discontinue deletes
// keys) with `store: "sqlite"` (scripts/mutation/*-sqlite.scenario.ts), expect-pass scenarios
// at their default budgets and the same fixed seed, with --fail-on-warnings as in
// stryker.config.mjs. A mutant is killed when eosim finds it (any exit code but 0).
import base from "./stryker.config.mjs";

const scenarios = ["scripts/mutation/bank-ledger-sqlite.scenario.ts", "scripts/mutation/inventory-sqlite.scenario.ts"];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  commandRunner: { command: `node --conditions=eosim-source bin/eosim.js run ${scenarios.join(" ")} --seed 1 --quiet --fail-on-warnings` },
  mutate: ["src/store/sqlite-*.ts"],
  jsonReporter: { fileName: "reports/mutation/mutation-sqlite.json" },
  tempDirName: ".stryker-tmp-sqlite",
};
