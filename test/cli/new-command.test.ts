// `eosim new <name>` in a fresh project (eosim installed as a package): the template passes
// as written, shows up in `eosim list`, and is never overwritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scenarioTemplate } from "../../src/cli/scenario-template.ts";
import { boundText } from "../../src/core/option-spec.ts";
import { faultKinds, loadScenarioFile } from "../../src/index.ts";
import { compactionOptionSpecs, scenarioOptionSpecs, topologyOptionSpecs, workloadOptionSpecs } from "../../src/scenario/scenario-options.ts";
import { eosim } from "./run-cli.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A project folder with eosim installed (linked) and the given package.json "type". */
function project(type: "module" | "commonjs"): string {
  const dir = mkdtempSync(join(tmpdir(), "eosim-new-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules", "eosim"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type }));
  return dir;
}

describe("eosim new", () => {
  it("writes a template that passes as written and is listed", () => {
    const cwd = project("module");
    const created = eosim(["new", "demo"], { cwd });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("wrote scenarios/demo.scenario.ts");
    expect(readFileSync(join(cwd, "scenarios/demo.scenario.ts"), "utf8")).toBe(scenarioTemplate("demo"));
    const run = eosim(["run", "demo"], { cwd, env: { EOSIM_SEED: "" } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok {3}demo: 200 schedules, no failure/m);
    const list = eosim(["list"], { cwd });
    expect(list.stdout).toMatch(/^demo\s+order-totals\s+expect pass\s+order totals on the reference runtime/m);
  });

  it("works in a CommonJS project too", () => {
    const cwd = project("commonjs");
    expect(eosim(["new", "orders"], { cwd }).code).toBe(0);
    // Enough schedules for an aimed crash to land on its point (the template requires fault:crash).
    const run = eosim(["run", "orders", "--runs", "100", "--seed", "3", "--quiet"], { cwd });
    expect(run.stdout.trim()).toBe("1 scenario(s): 1 met their expectation, 0 did not (seed 3)");
  });

  it("refuses to overwrite a file or to use a bad name (exit 2, one line)", () => {
    const cwd = project("module");
    mkdirSync(join(cwd, "scenarios"));
    writeFileSync(join(cwd, "scenarios/mine.scenario.ts"), "// my work\n");
    const again = eosim(["new", "mine"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe("eosim: new: scenarios/mine.scenario.ts already exists; pick another name or edit that file");
    expect(readFileSync(join(cwd, "scenarios/mine.scenario.ts"), "utf8")).toBe("// my work\n");
    const bad = eosim(["new", "My Scenario"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('eosim: new: the name must be lowercase letters, digits and dashes, got "My Scenario"');
    expect(existsSync(join(cwd, "scenarios/My Scenario.scenario.ts"))).toBe(false);
    expect(eosim(["new"], { cwd }).code).toBe(2);
  });
});

describe("the template", () => {
  it("has a comment before every scenario option", () => {
    const text = scenarioTemplate("x-1");
    const scenarioPart = text.slice(text.indexOf("export default defineScenario("));
    const options = [...scenarioPart.matchAll(/^ {2}(?:\/\/ )?([a-zA-Z]+): /gm)].map((m) => m[1]);
    expect(options).toEqual(["name", "description", "processor", "topology", "workload", "faults", "runtime", "store", "sessionTimeoutTicks", "republishDistanceMax", "requiredCoverage", "checkers", "invariants", "intents", "compaction", "runs", "expect"]);
    const lines = scenarioPart.split("\n");
    for (const [i, line] of lines.entries()) {
      if (/^ {2}[a-zA-Z]+: /.test(line)) expect(lines[i - 1], `comment above: ${line}`).toMatch(/^ {2}\/\//);
    }
  });

  it("writes the option tables' defaults and quotes their bounds and the fault kinds", async () => {
    const dir = mkdtempSync(join(repoRoot, "reports", "tmp-template-"));
    const file = join(dir, "defaults.scenario.ts");
    const text = scenarioTemplate("defaults");
    writeFileSync(file, text);
    try {
      const [{ definition }] = await loadScenarioFile(file);
      const { partitions, instances, producers } = topologyOptionSpecs;
      expect(definition.topology).toEqual({ partitions: partitions.default, instances: instances.default, producers: producers.default });
      expect(definition.workload).toEqual({ keys: workloadOptionSpecs.keys.default });
      expect(definition.compaction).toEqual({ segmentRecords: compactionOptionSpecs.segmentRecords.default, deleteRetentionTicks: compactionOptionSpecs.deleteRetentionTicks.default });
      const { sessionTimeoutTicks, republishDistanceMax, intents, runs, expect: expectation, store } = scenarioOptionSpecs;
      expect(definition).toMatchObject({
        store: store.default,
        sessionTimeoutTicks: sessionTimeoutTicks.default,
        republishDistanceMax: republishDistanceMax.default,
        intents: { min: intents.min.default, max: intents.max.default },
        runs: runs.default,
        expect: expectation.default,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const comments = text.split("\n").filter((line) => line.trimStart().startsWith("//")).join(" ").replace(/\s*\/\/\s*/g, " ");
    expect(comments).toContain(`partitions (${boundText(topologyOptionSpecs.partitions)})`);
    expect(comments).toContain(`(${boundText(topologyOptionSpecs.instances)}, each with its own disk)`);
    expect(comments).toContain(`producers (${boundText(topologyOptionSpecs.producers)})`);
    expect(comments).toContain(`distinct keys (${boundText(workloadOptionSpecs.keys)})`);
    expect(comments).toContain(`relative weights (${boundText(workloadOptionSpecs.mix)})`);
    const listed = comments.slice(comments.indexOf("Fault kinds to inject"), comments.indexOf("faults: ["));
    expect([...listed.matchAll(/"([a-z-]+)"/g)].map((m) => m[1])).toEqual(faultKinds);
  });

  it("loads and validates for any valid name", async () => {
    const dir = mkdtempSync(join(repoRoot, "reports", "tmp-template-"));
    const file = join(dir, "a-2b.scenario.ts");
    writeFileSync(file, scenarioTemplate("a-2b"));
    try {
      const [scenario] = await loadScenarioFile(file);
      expect(scenario).toMatchObject({ name: "a-2b", expect: "pass", runs: 200 });
      expect(scenario.world.processor.name).toBe("order-totals");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
