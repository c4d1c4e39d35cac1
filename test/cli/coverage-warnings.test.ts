// Coverage warnings as a user sees them: a run of a processor without outputs never reaches
// the crash point after-changelog-before-outputs, and says so under its block and in --json,
// without changing the exit code; not under --quiet, nor below 100 schedules; with
// --fail-on-warnings the same run exits 1 and --quiet prints its warnings.
import { describe, expect, it } from "vitest";
import { defaultFaultKinds } from "../../src/faults/fault-kind.ts";

// A world without an external database enables every kind but delayed-reply.
const faultKinds = defaultFaultKinds(false);
import { crashPointNames, referenceCrashPoints } from "../../src/runtime/task-phase.ts";
import { eosim } from "./run-cli.ts";

const fixture = "test/fixtures/no-outputs.scenario.ts";
const warning = "warning: crash point after-changelog-before-outputs reached in 0 of 200 schedules (< 1%)";

interface Summary {
  readonly coverage: Record<string, number>;
  readonly faultEffect: Record<string, { weighted: number; effective: number; share: number | null }>;
  readonly crashPoints: Record<string, { schedules: number; share: number | null }>;
  readonly warnings: string[];
}

describe("coverage warnings", () => {
  it("a crash point below 1% prints a warning line naming it under the scenario's block; the exit code stays 0", () => {
    const run = eosim(["run", fixture, "--seed", "1", "--runs", "200"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines).toContain(`  ${warning}`);
    // Under the coverage table, before the summary line.
    expect(lines.indexOf(`  ${warning}`)).toBeGreaterThan(lines.findIndex((l) => l.startsWith("  faults: ")));
    expect(lines.indexOf(`  ${warning}`)).toBeLessThan(lines.findIndex((l) => l.startsWith("1 scenario(s): ")));
  });

  it("--json carries faultEffect, crashPoints and warnings; coverage keeps only labels reached", () => {
    const run = eosim(["run", fixture, "--seed", "1", "--runs", "200", "--json"]);
    expect(run.code).toBe(0);
    const summary = (JSON.parse(run.stdout) as { scenarios: Summary[] }).scenarios[0];
    expect(summary.warnings).toContain(warning);
    expect(summary.crashPoints["after-changelog-before-outputs"]).toEqual({ schedules: 0, share: 0 });
    expect(Object.keys(summary.crashPoints)).toEqual(referenceCrashPoints.map((p) => crashPointNames[p]));
    for (const [name, reach] of Object.entries(summary.crashPoints)) {
      expect(reach.schedules, name).toBe(summary.coverage[`crash-point:${name}`] ?? 0);
      expect(reach.share, name).toBe(reach.schedules / 200);
    }
    expect(Object.keys(summary.faultEffect)).toEqual(faultKinds);
    for (const [kind, effect] of Object.entries(summary.faultEffect)) {
      expect(effect.weighted, kind).toBeGreaterThan(100); // about 3 in 4 schedules weigh each kind
      expect(effect.effective, kind).toBeLessThanOrEqual(Math.min(effect.weighted, summary.coverage[`fault:${kind}`] ?? 0));
      expect(effect.share, kind).toBe(effect.effective / effect.weighted);
    }
    expect(summary.faultEffect["no-idempotence"].share).toBe(1); // a setting bites wherever it is on
    expect(Object.keys(summary.coverage).filter((label) => !/^(crash-point|fault|processor):/.test(label))).toEqual([]);
  });

  it("a run that ended on a failure has no warnings (nothing passed), even past 100 schedules", () => {
    const run = eosim(["run", "test/fixtures/late-failure.scenario.ts", "--seed", "1", "--runs", "450", "--json"]);
    const summary = (JSON.parse(run.stdout) as { scenarios: Array<Summary & { runs: number; failures: number }> }).scenarios[0];
    expect(summary).toMatchObject({ runs: 272, failures: 1, warnings: [] });
    expect(summary.crashPoints["before-poll"].schedules).toBeGreaterThan(0); // the shares are still there
  });

  it("--quiet leaves warnings out; below 100 schedules there are none", () => {
    const quiet = eosim(["run", fixture, "--seed", "1", "--runs", "200", "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("warning:");
    const short = eosim(["run", fixture, "--seed", "1", "--runs", "99"]);
    expect(short.stdout).not.toContain("warning:");
    const json = eosim(["run", fixture, "--seed", "1", "--runs", "99", "--json"]);
    expect((JSON.parse(json.stdout) as { scenarios: Summary[] }).scenarios[0].warnings).toEqual([]);
  });

  it("--fail-on-warnings: a run that met every expectation but warned exits 1 and says why; --quiet prints the warnings", () => {
    const run = eosim(["run", fixture, "--seed", "1", "--runs", "200", "--fail-on-warnings"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines).toContain(`  ${warning}`);
    expect(lines).toContain("--fail-on-warnings: 1 scenario(s) warned about their coverage, exit 1");
    expect(lines.at(-2)).toMatch(/^1 scenario\(s\): 1 met their expectation, 0 did not/);
    const quiet = eosim(["run", fixture, "--seed", "1", "--runs", "200", "--fail-on-warnings", "--quiet"]);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout.split("\n")).toContain(`  ${warning}`);
    const json = eosim(["run", fixture, "--seed", "1", "--runs", "200", "--fail-on-warnings", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, scenarios: [{ ok: true, warnings: [warning] }] });
  });

  it("--fail-on-warnings leaves a run without warnings at exit 0 (a run under 100 schedules, or one that found its planted bug)", () => {
    const clean = eosim(["run", "bank-ledger", "--seed", "1", "--runs", "200", "--fail-on-warnings"]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toContain("--fail-on-warnings:");
    const short = eosim(["run", fixture, "--seed", "1", "--runs", "99", "--fail-on-warnings"]);
    expect(short.code).toBe(0);
    const failing = eosim(["run", "test/fixtures/late-failure.scenario.ts", "--seed", "1", "--runs", "450", "--fail-on-warnings", "--quiet"]);
    expect(failing.code).toBe(0);
    expect(failing.stdout).not.toContain("--fail-on-warnings:");
  });
});
