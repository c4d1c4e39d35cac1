// eosim notices its own blindness. Mutation testing showed that a world which stops recording
// the reference runtime's evidence (its store's commit records, its restores) made checkers
// pass because they judged nothing. Each checker now says what it judged, and a run whose
// boundary records show there must have been evidence that a checker never saw is a bug in
// eosim (a HarnessError, exit 4), never a pass. A user's service that does nothing is not
// that: what it failed to do is the other checkers' verdict.
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scenarioExitCode } from "../../src/cli/exit-codes.ts";
import { checkRun } from "../../src/check/all-checkers.ts";
import { History, Op } from "../../src/core/history.ts";
import { HarnessError } from "../../src/core/invariant.ts";
import { runScenario } from "../../src/run/run-scenario.ts";
import { endOfResult } from "../../src/run/scenario-result.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { referenceScenarios } from "../../src/scenario/mutant-scenario.ts";
import { Disk } from "../../src/store/disk.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { correctView } from "../helpers/views.ts";

const fixtures = fileURLToPath(new URL("../fixtures/services/", import.meta.url));

/** `view` without its history records of `op`, as a world that never recorded them would leave it. */
function unrecorded(view: WorldView, op: number): WorldView {
  const history = new History();
  const data = view.history.data;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === op) continue;
    history.record(data[i], data[i + 1], data[i + 2], data[i + 3]);
    if (data[i] === Op.intent) history.markStep();
  }
  return { ...view, history };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a run whose evidence went unrecorded", () => {
  it("passes with its evidence, and is a harness failure without its store commit records", () => {
    const view = correctView();
    expect(checkRun(view).ok).toBe(true);
    expect(() => checkRun(unrecorded(view, Op.storeCommit))).toThrowError(HarnessError);
    expect(() => checkRun(unrecorded(view, Op.storeCommit))).toThrowError(/^checker atomicity judged no commits, yet the broker recorded instance \d reading input of partition \d/);
  });

  it("is a harness failure without its restore records", () => {
    expect(() => checkRun(unrecorded(correctView(), Op.storeRestore))).toThrowError(/^checker restoration judged no restores/);
  });

  it("is a harness failure without the group's commit records, or the broker's append records", () => {
    expect(() => checkRun(unrecorded(correctView(), Op.offsetCommit))).toThrowError(/^checker offsets judged no commits, yet the group holds committed offset/);
    expect(() => checkRun(unrecorded(correctView(), Op.append))).toThrowError(/^checker queue-anomalies judged no sends/);
  });

  it("a world whose store records no commits: the run errors as a bug in eosim (exit 4), where it used to pass", () => {
    const bankLedger = referenceScenarios().find((s) => s.name === "reference-bank-ledger")!;
    expect(runScenario(bankLedger, { seed: 1, runs: 20 }).status).toBe("passed");
    // The store's one recording method, silenced: every commit and restore goes unrecorded.
    vi.spyOn(Disk.prototype as unknown as { recordCommit(): void }, "recordCommit").mockImplementation(() => {});
    const result = runScenario(bankLedger, { seed: 1, runs: 20 });
    expect(result.status).toBe("errored");
    expect(result.error).toMatchObject({ kind: "harness" });
    expect(result.error!.message).toMatch(/^checker atomicity judged no commits/);
    expect(scenarioExitCode(endOfResult(result))).toBe(4);
  });

  it("a world whose store records no restores: the run errors as a bug in eosim", () => {
    const bankLedger = referenceScenarios().find((s) => s.name === "reference-bank-ledger")!;
    const record = History.prototype.record;
    vi.spyOn(History.prototype, "record").mockImplementation(function (this: History, op, a, b, c) {
      if (op !== Op.storeRestore) record.call(this, op, a, b, c);
    });
    const result = runScenario(bankLedger, { seed: 1, runs: 20 });
    expect(result.status).toBe("errored");
    expect(result.error!.message).toMatch(/^checker restoration judged no restores/);
    expect(scenarioExitCode(endOfResult(result))).toBe(4);
  });
});

describe("a user's service that does nothing", () => {
  it("fails on what it did not do (lost outputs, offsets behind), not as a bug in eosim", async () => {
    const [scenario] = await loadScenarioFile(`${fixtures}idle.scenario.ts`);
    const result = runScenario(scenario, { seed: 1, runs: 30 });
    expect(result.status).toBe("failed");
    expect(result.error).toBeNull();
    const failing = result.failure!.verdict.verdicts.filter((v) => v.valid !== true);
    expect(failing.length).toBeGreaterThan(0);
    for (const verdict of failing) expect(verdict.anomalies.map((a) => a.kind)).not.toContain("checker-error");
    // the checkers it failed saw nothing of what it never did, and none of them required it
    const outputs = result.failure!.verdict.verdicts.find((v) => v.checker === "effectively-once-outputs")!;
    expect(outputs.evidence.outputs).toBe(0);
    expect(outputs.anomalies.map((a) => a.kind)).toContain("lost-output");
  });
});
