// The run and replay commands as CI scripts use them: JSON shape, exit codes, repro files.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const withoutTiming = (stdout: string) => {
  const json = JSON.parse(stdout) as { scenarios: Array<Record<string, unknown>> };
  for (const s of json.scenarios) delete s.schedulesPerSecond;
  return json;
};

describe("eosim run", () => {
  it("reports the reference scenario ok in JSON, identically on two calls", () => {
    const a = eosim(["run", "bank-ledger", "--runs", "300", "--seed", "1", "--json"]);
    expect(a.code).toBe(0);
    const json = withoutTiming(a.stdout);
    expect(json).toMatchObject({ ok: true, scenarios: [{ name: "bank-ledger", expect: "pass", ok: true, runs: 300, failures: 0, seed: 1, repro: null, checkers: [], steps: null, replay: null }] });
    const b = eosim(["run", "bank-ledger", "--runs", "300", "--seed", "1", "--json"]);
    expect(withoutTiming(b.stdout)).toEqual(json);
  });

  it("finds the planted bug, writes a repro that replays as failing with a stable history", () => {
    const run = eosim(["run", "bank-ledger-no-dedupe", "--runs", "2000", "--seed", "1", "--json"]);
    expect(run.code).toBe(0);
    const [scenario] = (JSON.parse(run.stdout) as { scenarios: Array<{ ok: boolean; failures: number; repro: string }> }).scenarios;
    expect(scenario.ok).toBe(true);
    expect(scenario.failures).toBe(1);
    const first = eosim(["replay", scenario.repro]);
    const second = eosim(["replay", scenario.repro]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("verdict: fails");
    const historyLine = (out: string) => out.split("\n").find((l) => l.startsWith("history "));
    expect(historyLine(first.stdout)).toMatch(/^history [0-9a-f]{16}$/);
    expect(historyLine(second.stdout)).toBe(historyLine(first.stdout));
  });

  it("prints the seed, the shrunk schedule and a replay command for a failure", () => {
    const run = eosim(["run", "bank-ledger-no-dedupe", "--runs", "2000", "--seed", "3"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("seed 3");
    expect(run.stdout).toMatch(/shrunk to \d+ intent/);
    expect(run.stdout).toContain("npx eosim replay reports/repro/bank-ledger-no-dedupe-seed3.json");
  });

  it("gives a failure's checkers with their anomalies' detail text, the shrunk steps as text and the replay command in JSON", () => {
    const run = eosim(["run", "test/fixtures/own-processor-broken.scenario.ts", "--seed", "12", "--json"]);
    expect(run.code).toBe(1);
    const [scenario] = JSON.parse(run.stdout).scenarios;
    // Every field CI already reads is still there.
    expect(scenario).toMatchObject({ name: "fixture-loyalty-points-no-dedupe", ok: false, failures: 1, failure: "safety", repro: "reports/repro/fixture-loyalty-points-no-dedupe-seed12.json" });
    expect(scenario.anomalies).toContain("state-divergence");
    expect(scenario.replay).toBe("npx eosim replay reports/repro/fixture-loyalty-points-no-dedupe-seed12.json");
    expect(scenario.steps).toHaveLength(scenario.shrunkIntents);
    expect(scenario.steps).toContainEqual(expect.stringMatching(/^produce member-\d \{"member":"member-\d","amountCents":\d+\} \(producer \d\)$/));
    const state = scenario.checkers.find((c: { checker: string }) => c.checker === "exactly-once-state");
    expect(state).toMatchObject({ valid: false, anomalies: [{ kind: "state-divergence", detail: expect.stringMatching(/^partition \d key member-\d: expected \d+, got \d+/) }] });
    expect(scenario.checkers.map((c: { checker: string }) => c.checker)).toContain("liveness");
  });

  it("takes the seed from EOSIM_SEED", () => {
    const run = eosim(["run", "bank-ledger", "--runs", "20", "--json"], { env: { EOSIM_SEED: "77" } });
    expect(JSON.parse(run.stdout).scenarios[0].seed).toBe(77);
  });
});

describe("bad input exits 2 with one line", () => {
  it.each([
    [["run", "--runs", "0"], "--runs must be an integer"],
    [["run", "--bogus"], "unknown option"],
    [["run", "no-such-scenario"], 'unknown scenario "no-such-scenario"'],
    [["frobnicate"], 'unknown command "frobnicate"'],
  ])("eosim %j", (args, message) => {
    const result = eosim(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it("a corrupt repro file", () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ format: "eosim-repro/1", scenario: "bank-ledger", intents: "nope" }));
    const result = eosim(["replay", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    writeFileSync(file, "{ not json");
    expect(eosim(["replay", file]).stderr).toContain("not valid JSON");
  });
});
