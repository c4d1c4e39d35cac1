// `eosim run --workers N`, `eosim run --shard i/n` and `eosim merge` as CI uses them: the
// merged shard reports equal the unsharded report on every field that does not depend on
// timing, and parallel runs write the same repro file.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const selection = ["test/fixtures/late-failure.scenario.ts", "click-counter", "bank-ledger-no-dedupe"];
const common = ["--seed", "1", "--runs", "450", "--json"];

/** A report without its timing fields (and the per-shard detail). */
function withoutTiming(stdout: string) {
  const json = JSON.parse(stdout) as { shard?: string; scenarios: Array<Record<string, unknown>> };
  delete json.shard;
  for (const s of json.scenarios) {
    delete s.schedulesPerSecond;
    delete s.shard;
  }
  return json;
}

const reproIntents = (path: string) => (JSON.parse(readFileSync(path, "utf8")) as { intents: unknown[] }).intents;

describe("eosim run --workers / --shard and eosim merge", () => {
  it("--workers 2 reports and writes what one worker does", () => {
    const single = eosim(["run", ...selection, ...common]);
    expect(single.code).toBe(0);
    const report = withoutTiming(single.stdout);
    const repro = report.scenarios[0].repro as string;
    const intents = reproIntents(repro);
    expect(report.scenarios[0]).toMatchObject({ name: "fixture-no-fencing", runs: 272, failures: 1 });
    const parallel = eosim(["run", ...selection, ...common, "--workers", "2"]);
    expect(parallel.code).toBe(0);
    expect(withoutTiming(parallel.stdout)).toEqual(report);
    expect(reproIntents(repro)).toEqual(intents);
  });

  it("merging every shard's report gives the unsharded report", () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-shards-"));
    const single = eosim(["run", ...selection, ...common]);
    const files = [1, 2, 3].map((i) => {
      const shard = eosim(["run", ...selection, ...common, "--shard", `${i}/3`]);
      expect(JSON.parse(shard.stdout).shard).toBe(`${i}/3`);
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, shard.stdout);
      return file;
    });
    const merged = eosim(["merge", ...files, "--json"]);
    expect(merged.code).toBe(single.code);
    expect(withoutTiming(merged.stdout)).toEqual(withoutTiming(single.stdout));
    const text = eosim(["merge", ...files]);
    expect(text.stdout).toContain("fixture-no-fencing: safety failure found, as expected, after 272 schedules, shrunk to 13 intent(s) (found by shard 3/3)");
  });

  it("the merged coverage shares and warnings are the unsharded run's, in --json and in text", () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-shards-"));
    const args = ["test/fixtures/no-outputs.scenario.ts", "bank-ledger", "--seed", "1", "--runs", "300"];
    const single = JSON.parse(eosim(["run", ...args, "--json"]).stdout) as { scenarios: Array<Record<string, unknown>> };
    const files = [1, 2].map((i) => {
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, eosim(["run", ...args, "--json", "--shard", `${i}/2`]).stdout);
      return file;
    });
    const merged = JSON.parse(eosim(["merge", ...files, "--json"]).stdout) as { scenarios: Array<Record<string, unknown>> };
    const shares = (s: Record<string, unknown>) => ({ faultEffect: s.faultEffect, crashPoints: s.crashPoints, warnings: s.warnings });
    expect(merged.scenarios.map(shares)).toEqual(single.scenarios.map(shares));
    expect(single.scenarios[0].warnings).toContain("warning: crash point after-changelog-before-outputs reached in 0 of 300 schedules (< 1%)");
    const warningsOf = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("  warning: "));
    const text = eosim(["merge", ...files]);
    expect(text.code).toBe(0);
    expect(warningsOf(text.stdout)).toEqual(warningsOf(eosim(["run", ...args]).stdout));
    expect(warningsOf(text.stdout).length).toBeGreaterThan(0);
    const strict = eosim(["merge", ...files, "--fail-on-warnings"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("--fail-on-warnings: 1 scenario(s) warned about their coverage, exit 1");
  });

  it("rejects a missing shard and a malformed --shard with one line, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-shards-"));
    const file = join(dir, "shard-1.json");
    writeFileSync(file, eosim(["run", "click-counter", ...common, "--shard", "1/2"]).stdout);
    const merged = eosim(["merge", file]);
    expect(merged.code).toBe(2);
    expect(merged.stderr.trim()).toBe("eosim: missing shard(s) 2/2 of the run (seed 1)");
    const bad = eosim(["run", "click-counter", "--shard", "3/2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--shard must be i/n");
  });

  it("rejects reports that are not shards of one run (seed, planned schedules, scenarios), and shards that ran nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-shards-"));
    const shard = (name: string, args: string[]) => {
      const file = join(dir, `${name}.json`);
      const run = eosim(["run", "--json", ...args]);
      expect(run.code).toBe(0);
      writeFileSync(file, run.stdout);
      return file;
    };
    const first = shard("first", ["click-counter", "--seed", "1", "--runs", "200", "--shard", "1/2"]);
    const merged = (second: string) => {
      const result = eosim(["merge", first, second]);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      return lines[0];
    };
    const otherSeed = shard("other-seed", ["click-counter", "--seed", "2", "--runs", "200", "--shard", "2/2"]);
    expect(merged(otherSeed)).toBe(`eosim: ${otherSeed}: seed 2, against 1 in ${first} (not shards of one run)`);
    const otherRuns = shard("other-runs", ["click-counter", "--seed", "1", "--runs", "400", "--shard", "2/2"]);
    expect(merged(otherRuns)).toBe(`eosim: ${otherRuns}: scenario "click-counter": schedules planned 400, against 200 in ${first} (not shards of one run)`);
    const otherScenarios = shard("other-scenarios", ["bank-ledger", "--seed", "1", "--runs", "200", "--shard", "2/2"]);
    expect(merged(otherScenarios)).toBe(`eosim: ${otherScenarios}: scenarios [bank-ledger], against [click-counter] in ${first} (not shards of one run)`);
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify({ ok: true, seed: 1, scenarios: [] }));
    expect(merged(empty)).toBe(`eosim: ${empty}: the report holds no scenario (nothing to merge)`);

    // Two shards of --runs 100: the second has no chunk; with the first's emptied, nothing ran at all.
    const report = (file: string) => JSON.parse(readFileSync(file, "utf8"));
    const small = [1, 2].map((i) => shard(`small-${i}`, ["click-counter", "--seed", "1", "--runs", "100", "--shard", `${i}/2`]));
    expect(report(small[1]).scenarios[0]).toMatchObject({ runs: 0, shard: { chunks: [] } });
    expect(eosim(["merge", ...small]).code).toBe(0);
    const nothing = report(small[0]);
    Object.assign(nothing.scenarios[0], { runs: 0, coverage: {}, shard: { ...nothing.scenarios[0].shard, chunks: [] } });
    writeFileSync(small[0], JSON.stringify(nothing));
    const none = eosim(["merge", ...small]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toBe('eosim: scenario "click-counter": the shards ran 0 schedules (a time limit ended them before the first one?): nothing was tested');
  });
});
