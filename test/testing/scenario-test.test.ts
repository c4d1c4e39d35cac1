// The vitest helper as a user sees it: a child vitest runs a user's test file, reports one
// test per scenario named after it, and fails with the seed and the replay command in the
// message (here read from vitest's own JUnit reporter, as CI would).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultTestSeed, failureMessage } from "../../src/testing/scenario-test.ts";
import { BadInputError, runScenario, scenarioOk } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";
import { parseXmlElements } from "../cli/xml-well-formed.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe("scenarioTest in a user's test file", () => {
  it("passes the good scenario and fails the broken one with seed, schedule and replay command", () => {
    const out = join(mkdtempSync(join(tmpdir(), "eosim-vitest-")), "junit.xml");
    const child = spawnSync(process.execPath, [
      join(repoRoot, "node_modules/vitest/vitest.mjs"), "run",
      "--config", "test/fixtures/vitest/vitest.config.ts", "--reporter=junit", `--outputFile=${out}`,
    ], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, EOSIM_SEED: "", CI: "" } });
    expect(child.status).toBe(1);
    const xml = readFileSync(out, "utf8");
    const cases = parseXmlElements(xml).filter((e) => e.name === "testcase").map((e) => e.attributes.name);
    expect(cases).toEqual(["fixture-loyalty-points", "fixture-loyalty-points-no-dedupe"]);
    expect(xml).toContain("fixture-loyalty-points-no-dedupe: safety failure with seed 7");
    expect(xml).toContain("exactly-once-state: FAILED");
    expect(xml).toContain("replay: npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed7.json");
    expect(existsSync(join(repoRoot, "reports/repro/fixture-loyalty-points-no-dedupe-seed7.json"))).toBe(true);
  });
});

describe("failureMessage and the default seed", () => {
  it("is null for a met expectation and names the seed for a planted bug not found", async () => {
    const scenario = await builtInScenario("bank-ledger-no-dedupe");
    const found = runScenario(scenario, { seed: 1, runs: 2000 });
    expect(failureMessage(found, null)).toBeNull();
    const missed = runScenario(scenario, { seed: 1, runs: 1 });
    expect(missed.status).toBe("passed");
    expect(scenarioOk(missed)).toBe(false);
    expect(failureMessage(missed, null)).toBe("bank-ledger-no-dedupe: expected a failure, none found in 1 schedules with seed 1");
  });

  it("draws a fresh seed when EOSIM_SEED is unset or empty", () => {
    const drawn = Array.from({ length: 8 }, () => defaultTestSeed({}));
    for (const seed of drawn) expect(Number.isInteger(seed) && seed >= 0 && seed <= 2147483647).toBe(true);
    expect(new Set(drawn).size).toBeGreaterThan(1);
    expect(Number.isInteger(defaultTestSeed({ EOSIM_SEED: "" }))).toBe(true);
  });

  it("takes EOSIM_SEED when set, and refuses a bad one", () => {
    expect(defaultTestSeed({ EOSIM_SEED: "42" })).toBe(42);
    expect(defaultTestSeed({ EOSIM_SEED: "-7" })).toBe(-7);
    expect(() => defaultTestSeed({ EOSIM_SEED: "abc" })).toThrowError(BadInputError);
    expect(() => defaultTestSeed({ EOSIM_SEED: "abc" })).toThrowError('EOSIM_SEED must be an integer from -2147483648 to 2147483647, got "abc"');
    expect(() => defaultTestSeed({ EOSIM_SEED: "1.5" })).toThrowError("EOSIM_SEED must be an integer");
    expect(() => defaultTestSeed({ EOSIM_SEED: "99999999999" })).toThrowError("EOSIM_SEED must be an integer from -2147483648 to 2147483647");
  });

  it("names a drawn seed in the failure message, and that seed repeats the failure", async () => {
    // The planted bug, expected to pass: a failure found from any seed within 300 schedules.
    const scenario = { ...(await builtInScenario("bank-ledger-no-dedupe")), expect: "pass" as const };
    const seed = defaultTestSeed({});
    const first = runScenario(scenario, { seed, runs: 300 });
    const message = failureMessage(first, null);
    expect(message).toContain(`with seed ${seed}`);
    const again = runScenario(scenario, { seed: Number(/with seed (-?\d+)/.exec(message!)![1]), runs: 300 });
    expect(failureMessage(again, null)).toBe(message);
  });
});
