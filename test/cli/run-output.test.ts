// What `eosim run` prints and writes for CI: --junit (valid XML, one testcase per scenario,
// names stable across seeds), --quiet (failures and the summary line only), and plain text
// off a terminal (colour only on a terminal, or when FORCE_COLOR asks).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";
import { parseXmlElements } from "./xml-well-formed.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "eosim-out-"));
const selection = ["click-counter", "bank-ledger-no-dedupe", "test/fixtures/own-processor-broken.scenario.ts"];

function testcases(xml: string) {
  return parseXmlElements(xml).filter((e) => e.name === "testcase").map((e) => `${e.attributes.classname}/${e.attributes.name}`);
}

describe("eosim run --junit --quiet", () => {
  it("prints only the failure and the summary, and writes JUnit XML with the seed and replay command", () => {
    const file = join(tmp(), "nested", "junit.xml");
    const run = eosim(["run", ...selection, "--runs", "300", "--seed", "5", "--junit", file, "--quiet"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^FAIL fixture-loyalty-points-no-dedupe: safety failure after \d+ schedules/);
    expect(lines.at(-4)).toBe("  repro: reports/repro/fixture-loyalty-points-no-dedupe-seed5.json");
    expect(lines.at(-3)).toBe("  replay: npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed5.json");
    expect(lines.at(-2)).toBe("  html: reports/html/fixture-loyalty-points-no-dedupe-seed5.html");
    expect(lines.at(-1)).toBe("3 scenario(s): 2 met their expectation, 1 did not (seed 5)");
    expect(run.stdout).not.toMatch(/^ok/m);
    expect(run.stdout).not.toContain("\u001b[");
    const xml = readFileSync(file, "utf8");
    expect(testcases(xml)).toEqual(["eosim/click-counter", "eosim/bank-ledger-no-dedupe", "eosim/fixture-loyalty-points-no-dedupe"]);
    const suite = parseXmlElements(xml).find((e) => e.name === "testsuite")!;
    expect(suite.attributes).toMatchObject({ tests: "3", failures: "1", errors: "0" });
    expect(xml).toContain('<failure type="safety" message="safety failure (seed 5); replay: npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed5.json">');
    // The failure's text holds the events the processor built, as the text output shows them.
    expect(xml).toMatch(/\d+\. produce member-\d \{&quot;member&quot;:&quot;member-\d&quot;,&quot;amountCents&quot;:\d+\} \(producer \d\)/);
  });

  it("keeps testcase names identical across runs with different seeds (acceptance 3)", () => {
    const dir = tmp();
    const names = ["a", "b"].map((tag) => {
      const file = join(dir, `${tag}.xml`);
      const run = eosim(["run", "--runs", "30", "--junit", file, "--quiet"], { env: { EOSIM_SEED: "" } });
      expect([0, 1]).toContain(run.code);
      return testcases(readFileSync(file, "utf8"));
    });
    expect(names[0]).toEqual(names[1]);
    expect(names[0]).toEqual(expect.arrayContaining(["eosim/bank-ledger", "eosim/inventory", "eosim/customer-table"]));
    expect(names[0].join(" ")).not.toMatch(/seed|\d{5,}/);
  });

  it("colours the status marks only when asked (FORCE_COLOR), never off a terminal by default", () => {
    const plain = eosim(["run", "click-counter", "--runs", "10", "--seed", "1"]);
    expect(plain.stdout).toMatch(/^ok {3}click-counter/m);
    expect(plain.stdout).not.toContain("\u001b[");
    const coloured = eosim(["run", "click-counter", "--runs", "10", "--seed", "1"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[32mok  \u001b[39m click-counter");
  });
});
