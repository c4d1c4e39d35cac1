// The exit code of a scenario follows from how its run ended (scenario-outcome.ts), the same
// way for `eosim run` (from results) and `eosim merge` (from JSON summaries).
import { describe, expect, it } from "vitest";
import { ExitCode, runExitCode, scenarioExitCode } from "../../src/cli/exit-codes.ts";
import { exitCodeOfSummaries } from "../../src/cli/merge-command.ts";
import { endOfSummary, type MergeableSummary } from "../../src/report/shard-report.ts";
import type { ScenarioEnd } from "../../src/run/scenario-outcome.ts";
import { endOfResult, type ScenarioResult } from "../../src/run/scenario-result.ts";

const passed: ScenarioEnd = { expect: "pass", status: "passed" };
const safety: ScenarioEnd = { expect: "pass", status: "failed", failureClass: "safety" };
const liveness: ScenarioEnd = { expect: "pass", status: "failed", failureClass: "liveness" };
const unknown: ScenarioEnd = { expect: "pass", status: "failed", failureClass: "unknown" };
const caught: ScenarioEnd = { expect: "fail", status: "failed", failureClass: "liveness" };
const notCaught: ScenarioEnd = { expect: "fail", status: "passed" };
const missing: ScenarioEnd = { expect: "pass", status: "coverage-missing" };
const processor: ScenarioEnd = { expect: "fail", status: "errored", errorKind: "processor" };
const harness: ScenarioEnd = { expect: "pass", status: "errored", errorKind: "harness" };

describe("scenarioExitCode", () => {
  it.each([
    ["a pass scenario that passed", passed, ExitCode.ok],
    ["a planted bug caught (even by a liveness failure)", caught, ExitCode.ok],
    ["a safety failure", safety, ExitCode.safety],
    ["a failure a checker could not judge", unknown, ExitCode.safety],
    ["a liveness failure", liveness, ExitCode.liveness],
    ["a planted bug not caught", notCaught, ExitCode.safety],
    ["required coverage not reached", missing, ExitCode.safety],
    ["a processor that threw, whatever the expectation", processor, ExitCode.badInput],
    ["a bug in eosim", harness, ExitCode.harness],
  ])("%s", (_, end, code) => {
    expect(scenarioExitCode(end)).toBe(code);
  });
});

describe("runExitCode", () => {
  it("is the most severe scenario's code: harness > bad input > safety > liveness > ok", () => {
    expect(runExitCode([])).toBe(ExitCode.ok);
    expect(runExitCode([passed, caught])).toBe(ExitCode.ok);
    expect(runExitCode([passed, liveness, liveness])).toBe(ExitCode.liveness);
    expect(runExitCode([liveness, missing])).toBe(ExitCode.safety);
    expect(runExitCode([liveness, notCaught, passed])).toBe(ExitCode.safety);
    expect(runExitCode([safety, processor, liveness])).toBe(ExitCode.badInput);
    expect(runExitCode([processor, harness, safety])).toBe(ExitCode.harness);
  });
});

/** A merged summary as `eosim run --json` prints it, with only what decides the outcome set. */
function summary(fields: Partial<MergeableSummary>): MergeableSummary {
  return {
    name: "s",
    expect: "pass",
    ok: false,
    runs: 10,
    failures: 0,
    seed: 1,
    repro: null,
    schedulesPerSecond: 100,
    failure: null,
    anomalies: [],
    shrunkIntents: null,
    checkers: [],
    steps: null,
    replay: null,
    html: null,
    error: null,
    coverage: {},
    coverageMissing: [],
    faultEffect: {},
    crashPoints: {},
    crashPointsNotAwaited: [],
    warnings: [],
    ...fields,
  };
}

describe("a merge reads the same ends back from JSON summaries", () => {
  it.each([
    [summary({ ok: true }), passed],
    [summary({ failures: 1, failure: "liveness" }), liveness],
    [summary({ expect: "fail", ok: true, failures: 1, failure: "liveness" }), caught],
    [summary({ expect: "fail" }), notCaught],
    [summary({ coverageMissing: ["fault:pause"] }), missing],
    [summary({ error: "harness error: boom", coverageMissing: ["fault:pause"] }), harness],
    [summary({ expect: "fail", error: "processor error: p threw" }), processor],
  ])("%j", (s, end) => {
    expect(endOfSummary(s)).toEqual(end);
  });

  it("exits as the run would have", () => {
    expect(exitCodeOfSummaries([summary({ ok: true }), summary({ failures: 1, failure: "liveness" })])).toBe(ExitCode.liveness);
    expect(exitCodeOfSummaries([summary({ failures: 1, failure: "liveness" }), summary({ expect: "fail" })])).toBe(ExitCode.safety);
    expect(exitCodeOfSummaries([summary({ error: "processor error: p threw" }), summary({ failures: 1, failure: "safety" })])).toBe(ExitCode.badInput);
  });
});

describe("a run's results", () => {
  // Only what endOfResult reads; the rest of a result does not decide the exit code.
  const result = (fields: object) => ({ expect: "pass", failure: null, error: null, coverageMissing: [], ...fields }) as unknown as ScenarioResult;

  it("end with the failure's class or the error's kind", () => {
    expect(endOfResult(result({ status: "failed", failure: { verdict: { failure: "liveness" } } }))).toEqual(liveness);
    expect(endOfResult(result({ status: "errored", error: { kind: "harness", message: "boom" } }))).toEqual(harness);
    expect(endOfResult(result({ expect: "fail", status: "passed" }))).toEqual(notCaught);
    expect(endOfResult(result({ status: "coverage-missing", coverageMissing: ["fault:pause"] }))).toEqual(missing);
  });
});
