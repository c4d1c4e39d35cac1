// Output paths are checked before the work that fills them: an unwritable --junit file or
// reports/repro/ folder is bad input (exit 2, one line) before the first scenario runs, and a
// repro that still cannot be written at the end (its folder gone meanwhile) costs only the
// repro: the failure is printed, without a repro path, and keeps its exit code.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const folder = () => mkdtempSync(join(tmpdir(), "eosim-output-"));

/** Run eosim expecting exit 2 with nothing run: returns the one line on stderr. */
function refusedUpFront(args: string[], cwd?: string): string {
  const run = eosim(args, { cwd });
  expect(run.stdout).toBe("");
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe("eosim run checks its output paths before the first scenario", () => {
  it("refuses a --junit file in a folder that cannot be created", () => {
    const dir = folder();
    writeFileSync(join(dir, "file"), "");
    const junit = join(dir, "file", "junit.xml");
    expect(refusedUpFront(["run", "click-counter", "--junit", junit])).toBe(`eosim: --junit: cannot write ${junit} (${join(dir, "file")} is a file, not a folder)`);
  });

  it("refuses a --junit path that is a folder", () => {
    const dir = folder();
    expect(refusedUpFront(["run", "click-counter", "--junit", dir])).toBe(`eosim: --junit: cannot write ${dir} (it is a folder)`);
  });

  it("refuses when reports/repro/ cannot be written (it was a stack trace and exit 4 after the run)", () => {
    const cwd = folder();
    writeFileSync(join(cwd, "reports"), "");
    const scenario = join(root, "test/fixtures/own-processor-broken.scenario.ts");
    const line = "eosim: repro files: cannot write to reports/repro/ (reports is a file, not a folder)";
    expect(refusedUpFront(["run", scenario, "--seed", "1"], cwd)).toBe(line);
    expect(refusedUpFront(["mutants", "dedupe-off", "--runs", "1"], cwd)).toBe(line);
  });

  it("eosim bench refuses an unwritable --out before measuring anything", () => {
    const dir = folder();
    writeFileSync(join(dir, "file"), "");
    const out = join(dir, "file", "bench.json");
    expect(refusedUpFront(["bench", "--quick", "--out", out])).toBe(`eosim: --out: cannot write ${out} (${join(dir, "file")} is a file, not a folder)`);
  });
});

/**
 * A failing scenario file in `cwd` that, when loaded (after the check, before the run), puts
 * a file where reports/repro/ was: the repro's folder is gone by the time it is written.
 */
function reproBlockedScenario(cwd: string): string {
  const scenario = join(cwd, "repro-blocked.scenario.ts");
  const fixture = join(root, "test/fixtures/own-processor-broken.scenario.ts");
  writeFileSync(scenario, `import { rmSync, writeFileSync } from "node:fs";\nrmSync("reports/repro", { recursive: true });\nwriteFileSync("reports/repro", "");\nexport { default } from ${JSON.stringify(fixture)};\n`);
  return scenario;
}

describe("a repro that cannot be written at the end of the run", () => {
  it("costs only the repro: the failure is printed and keeps exit 1", () => {
    const cwd = folder();
    const scenario = reproBlockedScenario(cwd);
    const run = eosim(["run", scenario, "--seed", "1"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL fixture-loyalty-points-no-dedupe: safety failure");
    expect(run.stdout).toContain("exactly-once-state: FAILED");
    expect(run.stdout).not.toContain("repro: reports/");
    expect(run.stdout).not.toContain("npx eosim replay");
    expect(run.stderr).toMatch(/^eosim: scenario "fixture-loyalty-points-no-dedupe": repro: not written \((ENOTDIR|EEXIST): .*\)$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives repro and replay null in --json, and stdout stays one JSON object", () => {
    const cwd = folder();
    const scenario = reproBlockedScenario(cwd);
    const run = eosim(["run", scenario, "--seed", "1", "--json"], { cwd });
    expect(run.code).toBe(1);
    const [summary] = (JSON.parse(run.stdout) as { scenarios: Array<Record<string, unknown>> }).scenarios;
    expect(summary).toMatchObject({ name: "fixture-loyalty-points-no-dedupe", failures: 1, repro: null, replay: null });
    expect(run.stderr).toContain("repro: not written (");
  });
});
