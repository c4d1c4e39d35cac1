// `eosim merge` on shard reports that are wrong: each is bad input, exit 2, with one line
// naming the file and the field, never a crash (exit 4) or a merge of garbage.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "eosim-merge-input-"));

/** The report of a one-shard run of click-counter that merges (written by hand: nothing runs). */
function report() {
  const chunk = { index: 0, runs: 100, failedAt: null, coverage: { "fault:crash": 40 } };
  const shard = { index: 1, count: 1, plannedRuns: 100, chunkSize: 100, requiredCoverage: [], chunks: [chunk] };
  const scenario = {
    name: "click-counter", expect: "pass", ok: true, runs: 100, failures: 0, seed: 1, repro: null, schedulesPerSecond: 500,
    failure: null, anomalies: [], shrunkIntents: null, checkers: [], steps: null, replay: null, error: null,
    coverage: { "fault:crash": 40 }, coverageMissing: [], shard,
  };
  return { ok: true, seed: 1, shard: "1/1", scenarios: [scenario] };
}
type Report = ReturnType<typeof report>;

/** Merge a report written as `text`; expects exit 2 and one line, which it returns with the file as FILE. */
function refusedText(text: string, name = "shard-1.json"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = eosim(["merge", file]);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0].replace(file, "FILE");
}

describe("eosim merge refuses a shard report", () => {
  it("(the report written by hand merges as it is)", () => {
    const file = join(dir, "good.json");
    writeFileSync(file, JSON.stringify(report()));
    const merged = eosim(["merge", file]);
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("ok   click-counter: 100 schedules, no failure");
    // Without a coverage scope (a report of an earlier version), no shares and no warnings.
    const json = JSON.parse(eosim(["merge", file, "--json"]).stdout);
    expect(json.scenarios[0]).toMatchObject({ faultEffect: {}, crashPoints: {}, warnings: [] });
  });

  it.each<[string, (r: Report) => unknown, string]>([
    ["coverage null", (r) => (r.scenarios[0].coverage = null as never), "scenarios[0].coverage must be object, got null"],
    ["a chunk's coverage null (it crashed the fold: exit 4)", (r) => (r.scenarios[0].shard.chunks[0].coverage = null as never), "scenarios[0].shard.chunks[0].coverage must be object, got null"],
    ["a negative count", (r) => (r.scenarios[0].shard.chunks[0].coverage["fault:crash"] = -1), 'scenarios[0].shard.chunks[0].coverage["fault:crash"] must be a non-negative integer, got -1'],
    ["runs as text", (r) => (r.scenarios[0].runs = "100" as never), 'scenarios[0].runs must be number, got "100"'],
    ["a fractional failure count", (r) => (r.scenarios[0].failures = 0.5), "scenarios[0].failures must be a non-negative integer, got 0.5"],
    ["an unknown expectation", (r) => (r.scenarios[0].expect = "maybe"), 'scenarios[0].expect must be "pass" | "fail", got "maybe"'],
    ["an unknown failure class", (r) => (r.scenarios[0].failure = "bogus" as never), 'scenarios[0].failure must be "safety" | "liveness" | "unknown", got "bogus"'],
    ["a checker verdict that is not one", (r) => (r.scenarios[0].checkers = [{ checker: "offsets", valid: "yes", anomalies: [] }] as never), 'scenarios[0].checkers[0].valid must be true | false | "unknown", got "yes"'],
    ["a missing name", (r) => delete (r.scenarios[0] as Partial<Report["scenarios"][0]>).name, "scenarios[0].name is required"],
    ["a seed out of range", (r) => (r.seed = 2 ** 32), "seed must be an integer from -2147483648 to 2147483647, got 4294967296"],
    ["scenarios that are not a list", (r) => (r.scenarios = "all" as never), 'scenarios must be array, got "all"'],
    ["a shard past the count", (r) => (r.scenarios[0].shard.index = 2), "scenarios[0].shard.index must be at most count (1), got 2"],
    ["a chunk of another shard", (r) => Object.assign(r.scenarios[0].shard, { index: 2, count: 2 }), "scenarios[0].shard.chunks[0].index must be a chunk of shard 2/2 (index mod 2 = 1), got 0"],
    ["a chunk listed twice (it counted twice)", (r) => r.scenarios[0].shard.chunks.push(r.scenarios[0].shard.chunks[0]), "scenarios[0].shard.chunks[1].index must be above the chunk before it (0), got 0"],
    ["a coverage scope whose fault kinds are not a list", (r) => Object.assign(r.scenarios[0].shard, { coverageScope: { faultKinds: "all", crashPoints: [], crashPointsIfReached: [], warns: true } }), 'scenarios[0].shard.coverageScope.faultKinds must be array, got "all"'],
  ])("with %s", (_, change, message) => {
    const broken = report();
    change(broken);
    expect(refusedText(JSON.stringify(broken))).toBe(`eosim: FILE: ${message}`);
  });

  it("that is not an object", () => {
    expect(refusedText("[1, 2]")).toBe("eosim: FILE: not an eosim run --json report");
  });

  it("nested 100000 levels deep, with one line (it overflowed the stack: exit 4)", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(refusedText(`{"ok":true,"seed":1,"scenarios":[{"name":${deep}}]}`)).toBe("eosim: FILE: JSON nested deeper than 64 levels");
  });
});
