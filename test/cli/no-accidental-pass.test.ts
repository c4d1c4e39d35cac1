// A CI step must never pass for the wrong reason: a run that selects no scenario (a fresh
// project, the wrong folder) is bad input, exit 2, with one line saying why and where to look.
// (Zero schedules, unknown mutants and mismatched shards: exit-codes.test.ts and
// shard-merge.test.ts.)
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** A fresh project: a package.json and nothing else. */
function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "eosim-empty-"));
  writeFileSync(join(dir, "package.json"), '{ "name": "fresh", "type": "module" }\n');
  return dir;
}

const oneLine = (stderr: string) => {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
};

describe("no scenario selected is bad input", () => {
  it("a project without scenarios/", () => {
    const dir = freshProject();
    const run = eosim(["run"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(oneLine(run.stderr)).toBe(`eosim: no scenarios to run: no scenarios/ folder in ${dir} (write one with eosim new <name>, or name scenario files)`);
  });

  it("an empty scenarios/ folder, for run and list alike", () => {
    const dir = freshProject();
    mkdirSync(join(dir, "scenarios"));
    for (const command of ["run", "list"]) {
      const result = eosim([command], { cwd: dir });
      expect(result.code).toBe(2);
      expect(oneLine(result.stderr)).toBe("eosim: no scenarios to run: scenarios/ holds no *.scenario.ts files (write one with eosim new <name>, or name scenario files)");
    }
  });

  it("a subfolder of a project names the project's scenarios/", () => {
    const run = eosim(["run"], { cwd: join(root, "test", "cli") });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`eosim: no scenarios to run: no scenarios/ folder in ${join(root, "test", "cli")} (the project's is ../../scenarios/: run eosim from ${root})`);
  });
});
