// Mutation testing of the reference runtime and the stores (`npm run mutation`). Every mutant
// of src/runtime/ and src/store/ is judged by the built-in expect-pass scenarios of the
// reference runtime, at their default budgets and a fixed seed: a mutant is killed when eosim finds it
// (any exit code but 0). Planted-bug branches are marked `Stryker disable` in the sources, so
// a mutant that merely disarms a planted bug, which no expect-pass scenario enables, does not
// count either way. Not part of `npm test`: it runs every scenario once per mutant.
const scenarios = ["bank-ledger", "bank-ledger-cooperative", "click-counter", "click-counter-cooperative", "customer-table", "customer-table-no-dedupe", "inventory", "inventory-moves"];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "command",
  commandRunner: { command: `node --conditions=eosim-source bin/eosim.js run ${scenarios.join(" ")} --seed 1 --quiet` },
  mutate: ["src/runtime/**/*.ts", "src/store/**/*.ts", "!src/runtime/mutants.ts", "!src/runtime/processors/**"],
  coverageAnalysis: "off",
  concurrency: 2,
  timeoutMS: 120_000,
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
