// `eosim bench --quick` runs every measurement of the benchmark with tiny budgets and writes
// a report with every figure the performance issue asks for, each with its unit. No figure
// is asserted: speed lives in the benchmark, not in the test suite.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mutants } from "../../src/runtime/mutants.ts";
import { eosim } from "./run-cli.ts";

const unitOf = (figure: { unit: string; repetitions: unknown[] }) => [figure.unit, Array.isArray(figure.repetitions)];

describe("eosim bench --quick", () => {
  it("prints the tables and writes a report with every figure and its unit", () => {
    const out = join(mkdtempSync(join(tmpdir(), "eosim-bench-")), "bench.json");
    const run = eosim(["bench", "--quick", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("schedulesPerSecond, 1 worker");
    expect(run.stdout).toContain("eosim vs the hand-written fc.commands harness");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.format).toBe("eosim-bench/1");
    expect(unitOf(report.schedulesPerSecond.oneWorker)).toEqual(["schedules/s", true]);
    expect(unitOf(report.schedulesPerSecond.twoWorkers)).toEqual(["schedules/s", true]);
    expect(unitOf(report.limitRatio)).toEqual(["ratio", true]);
    expect(unitOf(report.replayLatency)).toEqual(["s", true]);
    expect(unitOf(report.peakRss)).toEqual(["MB", true]);
    expect(unitOf(report.schedulesPerSecond.service)).toEqual(["schedules/s", true]);
    expect(report.schedulesPerSecond.service.value).toBeGreaterThan(0);
    expect(unitOf(report.serviceRatio)).toEqual(["ratio", true]);
    expect(unitOf(report.schedulesPerSecond.sqlite)).toEqual(["schedules/s", true]);
    expect(report.schedulesPerSecond.sqlite.value).toBeGreaterThan(0);
    expect(unitOf(report.sqliteCostMsPerSchedule)).toEqual(["ms/schedule", true]);
    expect(run.stdout).toContain("schedulesPerSecond, service on SQLite");
    expect(unitOf(report.peakRssService)).toEqual(["MB", true]);
    expect(run.stdout).toContain("schedulesPerSecond, service");
    expect(report.plantedBugs.map((bug: { name: string }) => bug.name)).toEqual(mutants.map((m) => m.name));
    for (const bug of report.plantedBugs) {
      expect([bug.schedulesToFailure.unit, bug.secondsToFailure.unit, bug.shrunkLength.unit, bug.shrinkSeconds.unit]).toEqual(["schedules", "s", "intents", "s"]);
    }
    expect(report.handWrittenComparison.map((c: { name: string }) => c.name)).toContain("dedupe-off");
    for (const c of report.handWrittenComparison) expect([c.speedup.unit, c.shrunkRatio.unit]).toEqual(["x", "ratio"]);
    expect(report.targets.map((t: { name: string }) => t.name)).toEqual(["one worker", "two workers", "limitRatio", "service", "serviceRatio", "peak RSS, service", "peak RSS", "vs hand-written harness"]);
  });

  it("rejects arguments with one line, exit 2", () => {
    const run = eosim(["bench", "extra"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
