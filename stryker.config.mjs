// Mutation testing of the reference runtime and the stores (`npm run mutation`). Every mutant
// of src/runtime/ and src/store/ is judged by the built-in expect-pass scenarios of the
// reference runtime and a one-instance bank ledger (scripts/mutation/), at their default
// budgets and a fixed seed: a mutant is killed when eosim finds it (any exit code but 0).
// With --fail-on-warnings a mutant that leaves a coverage hole is found too (a disk wipe
// that empties nothing, a task that never fences, a crash point no crash reaches): the
// harness's own view of what it tested is part of what these files must keep true. A mutant that only disarms a planted bug, which no
// expect-pass scenario enables, survives; scripts/mutation/equivalents.json lists it with its
// reason, and scripts/mutation/score.mjs scores killed mutants over the rest
// (docs/mutation-testing.md). Not part of `npm test`: it runs every scenario once per mutant.
const scenarios = ["bank-ledger", "bank-ledger-cooperative", "click-counter", "click-counter-cooperative", "customer-table", "customer-table-no-dedupe", "inventory", "inventory-moves", "inventory-slow-restores", "scripts/mutation/bank-ledger-one-instance.scenario.ts"];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "command",
  commandRunner: { command: `node --conditions=eosim-source bin/eosim.js run ${scenarios.join(" ")} --seed 1 --quiet --fail-on-warnings` },
  // The SQLite store is mutated by stryker.sqlite.config.mjs: no scenario here runs it.
  mutate: ["src/runtime/**/*.ts", "src/store/**/*.ts", "!src/store/sqlite-*.ts", "!src/runtime/mutants.ts", "!src/runtime/processors/**"],
  coverageAnalysis: "off",
  concurrency: 2,
  timeoutMS: 120_000,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
