// The README's GitHub Actions workflows cannot run here, but their eosim commands can: each
// `run:` line of the shard matrix is played for every shard (with a smaller --runs), then the
// merge job's line on the reports they wrote, and the single-job workflow's eosim line. What
// users copy into their CI must keep working.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";
import { parseXmlElements } from "./xml-well-formed.ts";

const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");

/** The workflow in the README's yaml block whose first line names `file`. */
function workflow(file: string): string {
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.startsWith(`# .github/workflows/${file}`));
  if (block === undefined) throw new Error(`README has no workflow ${file}`);
  return block;
}

/** The `npx eosim ...` commands of a workflow's `run:` steps, in order. */
function eosimSteps(yaml: string): string[] {
  return [...yaml.matchAll(/^\s*- run: (npx eosim .*)$/gm)].map((m) => m[1]);
}

/** A step's command line as eosim arguments plus the file its stdout is redirected to, if any. */
function commandOf(line: string, vars: Record<string, string>): { args: string[]; stdoutTo?: string } {
  const expanded = line.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`the test does not know the workflow expression ${name}`);
    return vars[name];
  });
  const [command, redirect] = expanded.replace(/\s*\|\|\s*true\s*$/, "").split(/\s*>\s*/);
  const words = command.split(/\s+/);
  expect(words.slice(0, 2)).toEqual(["npx", "eosim"]);
  return { args: words.slice(2), stdoutTo: redirect };
}

const dir = mkdtempSync(join(tmpdir(), "eosim-readme-ci-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's CI workflows", () => {
  it("the shard matrix and its merge job run as written (fewer schedules)", () => {
    const yaml = workflow("eosim-shards.yml");
    const [shardStep, mergeStep] = eosimSteps(yaml);
    expect(shardStep).toContain("--shard ${{ matrix.shard }}/4");
    expect(mergeStep).toMatch(/^npx eosim merge /);
    for (const shard of ["1", "2", "3", "4"]) {
      const { args, stdoutTo } = commandOf(shardStep.replace("--runs 40000", "--runs 400"), { "github.run_number": "17", "matrix.shard": shard });
      const result = eosim(args);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout).shard).toBe(`${shard}/4`);
      writeFileSync(join(dir, stdoutTo!), result.stdout);
    }
    const { args } = commandOf(mergeStep, {});
    const files = ["1", "2", "3", "4"].map((shard) => join(dir, `shard-${shard}.json`));
    const junit = join(dir, "junit.xml");
    const merged = eosim(args.flatMap((arg) => (arg === "shard-*.json" ? files : arg === "reports/junit.xml" ? [junit] : [arg])));
    // every built-in scenario meets its expectation, so the merged run passes
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("seed 17");
    expect(parseXmlElements(readFileSync(junit, "utf8")).filter((e) => e.name === "testcase").length).toBeGreaterThan(0);
  });

  it("the single-job workflow's eosim step runs and writes its JUnit file", () => {
    const [step] = eosimSteps(workflow("eosim.yml"));
    const { args } = commandOf(step, {});
    expect(args).toContain("--junit");
    const junit = join(dir, "single.xml");
    const files: Record<string, string> = { "reports/junit.xml": junit, "reports/run.html": join(dir, "run.html"), "reports/run.md": join(dir, "run.md") };
    const result = eosim([...args.map((arg) => files[arg] ?? arg), "--runs", "100", "--seed", "3"]);
    expect(result.code).toBe(0);
    expect(parseXmlElements(readFileSync(junit, "utf8")).some((e) => e.name === "testsuite")).toBe(true);
    expect(readFileSync(files["reports/run.html"], "utf8")).toContain("<h2>Scenarios</h2>");
    expect(readFileSync(files["reports/run.md"], "utf8")).toContain("| scenario |");
  });
});
