import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

// Repro files go to reports/ under the working directory: a scratch one.
const cwd = mkdtempSync(join(tmpdir(), "eosim-mutants-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Row {
  readonly name: string;
  readonly target: string;
  readonly hazard: string;
  readonly detected: boolean;
  readonly schedulesToDetect: number | null;
  readonly shrunkSteps: number | null;
  readonly seconds: number;
  readonly anomalies: readonly string[];
  readonly repro: string | null;
  readonly html: string | null;
}

describe("eosim mutants", () => {
  it("runs runtime and service mutants side by side, each row with its target, and the ledger service among the references", () => {
    const result = eosim(["mutants", "--runs", "60", "--seed", "1", "--json", "dedupe-off", "offset-dedupe-id"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      seed: number;
      reference: { runs: number; failures: number; scenarios: Array<{ name: string; target: string; runs: number; failures: number }> };
      mutants: Row[];
    };
    expect(report.ok).toBe(true);
    expect(report.seed).toBe(1);
    expect(report.reference.failures).toBe(0);
    expect(report.reference.scenarios.find((s) => s.name === "ledger-service")).toEqual({ name: "ledger-service", target: "service", runs: 60, failures: 0 });
    expect(report.reference.scenarios.filter((s) => s.target === "runtime").map((s) => s.name)).toContain("reference-bank-ledger");
    expect(report.reference.runs).toBe(report.reference.scenarios.reduce((sum, s) => sum + s.runs, 0));
    expect(report.mutants.map((r) => [r.name, r.target, r.detected])).toEqual([
      ["dedupe-off", "runtime", true],
      ["offset-dedupe-id", "service", true],
    ]);
    for (const row of report.mutants) {
      // The fields users' CI reads are all still there.
      expect(Object.keys(row).sort()).toEqual(["anomalies", "detected", "hazard", "html", "name", "repro", "schedulesToDetect", "seconds", "shrunkSteps", "target"]);
      expect(row.schedulesToDetect).toBeGreaterThan(0);
      expect(row.repro).toMatch(new RegExp(`^reports/repro/mutant-${row.name}-seed1\\.json$`));
      // Each failure's HTML report, for the runtime's bug and the service's alike.
      expect(row.html).toBe(`reports/html/mutant-${row.name}-seed1.html`);
      expect(readFileSync(join(cwd, row.html!), "utf8")).toContain(`"scenario":"mutant-${row.name}"`);
    }
    const service = report.mutants[1];
    expect(service.anomalies).toContain("state-divergence");

    // The service mutant's repro replays from the catalogue, wherever the command runs.
    const replay = eosim(["replay", join(cwd, service.repro!)], { cwd });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("scenario mutant-offset-dedupe-id, seed 1");
    expect(replay.stdout).toContain("recorded history: identical");
    expect(replay.stdout).toContain("verdict: fails");
    expect(replay.stdout).toContain(`html: ${join(cwd, "reports/html/mutant-offset-dedupe-id-seed1.html")}`);
  });

  it("shows the target in its table and a median per target", () => {
    const result = eosim(["mutants", "--runs", "30", "--seed", "1", "commit-before-store"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.some((l) => /^reference service: 30 schedules of ledger-service, 0 failure\(s\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^mutant\s+target\s+detected\s+schedules/.test(l))).toBe(true);
    expect(lines.some((l) => /^commit-before-store\s+service\s+yes\s+\d+/.test(l))).toBe(true);
    expect(result.stdout).toMatch(/1\/1 mutants detected; median schedules to detect \d+ \(service 1\/1, median \d+\)/);
  });
});
