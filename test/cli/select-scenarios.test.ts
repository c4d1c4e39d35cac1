// Which scenarios a command runs: names under scenarios/, file paths, folders and globs,
// in the order given, each once; selecting nothing is bad input, never a silent pass.
import { describe, expect, it } from "vitest";
import { expandGlob, isGlob } from "../../src/cli/expand-glob.ts";
import { selectScenarios } from "../../src/cli/select-scenarios.ts";
import { BadInputError } from "../../src/index.ts";

const names = async (selectors: string[]) => (await selectScenarios(selectors)).map((s) => s.name);

describe("expandGlob", () => {
  it("tells globs from names and paths", () => {
    expect(["scenarios/*.scenario.ts", "test/**/x.ts", "a?.ts", "{a,b}.ts"].every(isGlob)).toBe(true);
    expect(["bank-ledger", "scenarios/bank-ledger.scenario.ts", "./test/fixtures"].some(isGlob)).toBe(false);
  });

  it("matches * within a folder and ** across folders, sorted, skipping node_modules", () => {
    expect(expandGlob("scenarios/bank-*.scenario.ts")).toEqual(["scenarios/bank-ledger-cooperative.scenario.ts", "scenarios/bank-ledger-no-dedupe.scenario.ts", "scenarios/bank-ledger.scenario.ts"]);
    expect(expandGlob("./test/**/own-processor*.scenario.ts")).toEqual(["test/fixtures/own-processor-broken.scenario.ts", "test/fixtures/own-processor.scenario.ts"]);
    expect(expandGlob("**/bank-ledger.scenario.ts")).toEqual(["scenarios/bank-ledger.scenario.ts"]);
    expect(expandGlob("no-such-folder/*.ts")).toEqual([]);
  });
});

describe("selectScenarios", () => {
  it("selects every scenario under scenarios/ when given nothing", async () => {
    expect(await names([])).toContain("bank-ledger");
  });

  it("mixes names, paths, folders and globs in the order given, each scenario once", async () => {
    expect(await names(["click-counter", "test/fixtures/own-processor.scenario.ts", "scenarios/click-counter.scenario.ts"]))
      .toEqual(["click-counter", "fixture-loyalty-points"]);
    expect(await names(["scenarios/customer-table*.ts"])).toEqual(["customer-table-no-dedupe", "customer-table"]);
    expect(await names(["scenarios"])).toEqual(await names([]));
    expect(await names(["test/fixtures/own-processor*.scenario.ts", "inventory"]))
      .toEqual(["fixture-loyalty-points-no-dedupe", "fixture-loyalty-points", "inventory"]);
  });

  it("rejects an unknown name, a glob matching nothing and a missing file, as bad input", async () => {
    await expect(selectScenarios(["nope"])).rejects.toThrowError(/unknown scenario "nope" \(known: .*bank-ledger/);
    await expect(selectScenarios(["test/fixtures/*.nothing.ts"])).rejects.toThrowError('no scenario files match "test/fixtures/*.nothing.ts"');
    await expect(selectScenarios(["missing.scenario.ts"])).rejects.toThrowError(BadInputError);
  });
});
