// For planted bugs, the checkers name the right anomaly and point at the right input: the
// first divergent input (partition, offset, dedupe ID) and the step it was first seen.
import { describe, expect, it } from "vitest";
import { judgeSchedule } from "../../src/index.ts";
import { Op } from "../../src/core/history.ts";
import { findMutant } from "../../src/runtime/mutants.ts";
import { CrashPoint } from "../../src/runtime/task-phase.ts";
import { mutantScenario } from "../../src/scenario/mutant-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import type { Intent, Schedule } from "../../src/schedule/intent.ts";
import { World } from "../../src/sim/world.ts";

const deposit: Intent = { k: "produce", producer: 0, key: 0, draw: 1 }; // acct-0 deposit of 2

function ownerOfAcct0(scenario: Scenario): number {
  const world = new World(scenario.world, { seed: 0, idempotentProducer: true, cleanerChancePerFetch: 0 });
  return world.group.ownerOf(world.partitionOf("acct-0"));
}

/** A schedule that crashes the owner of acct-0 exactly at `point` while it handles one deposit. */
function crashAt(scenario: Scenario, point: number, after: Intent[] = []): Schedule {
  const owner = ownerOfAcct0(scenario);
  for (let steps = 1; steps < 40; steps++) {
    const intents: Intent[] = [deposit, ...Array.from({ length: steps }, (): Intent => ({ k: "step", instance: owner, count: 1 })), { k: "crash", instance: owner }, ...after];
    const schedule: Schedule = { seed: 1, faultMix: {}, intents };
    const data = judgeSchedule(scenario, schedule).view.history.data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] === Op.crash && data[i + 1] === owner && data[i + 2] === point) return schedule;
    }
  }
  throw new Error(`crash point ${point} not reachable`);
}

function anomalies(scenario: Scenario, schedule: Schedule) {
  return judgeSchedule(scenario, schedule).verdict.verdicts.flatMap((v) => v.anomalies);
}

describe("first divergence of planted bugs", () => {
  it("dedupe-off: the retried duplicate (offset 1, same dedupe ID) is the first divergent input", () => {
    const scenario = mutantScenario(findMutant("dedupe-off")!);
    const found = anomalies(scenario, { seed: 1, faultMix: { "no-idempotence": 1 }, intents: [{ k: "lost-ack", target: 0 }, deposit] });
    expect(found.find((a) => a.kind === "state-offset-mismatch")).toMatchObject({ offset: 1, dedupeId: "p0-0" });
    expect(found.find((a) => a.kind === "state-divergence")?.detail).toContain("acct-0: expected 2, got 4");
  });

  it("offset-before-state: a crash between the two commits loses the deposit (offset 0)", () => {
    const scenario = mutantScenario(findMutant("offset-before-state")!);
    const schedule = crashAt(scenario, CrashPoint.halfCommitted, [{ k: "restart", instance: ownerOfAcct0(scenario) }]);
    const found = anomalies(scenario, schedule);
    expect(found.find((a) => a.kind === "state-offset-mismatch")).toMatchObject({ offset: 0, dedupeId: "p0-0" });
    // the store records the first half of the split commit (the offset without the state) as
    // it lands: in the last step before the crash (1-based, the crash's 0-based index)
    const crash = schedule.intents.findIndex((i) => i.k === "crash");
    expect(found.find((a) => a.kind === "state-offset-mismatch")!.step).toBe(crash);
    expect(found.find((a) => a.kind === "state-divergence")?.detail).toContain("expected 2, got (absent)");
  });

  it("state-dedupe-apart: a crash between the commits applies the deposit twice (state ahead of offset 0)", () => {
    const scenario = mutantScenario(findMutant("state-dedupe-apart")!);
    const schedule = crashAt(scenario, CrashPoint.halfCommitted, [{ k: "restart", instance: ownerOfAcct0(scenario) }]);
    const found = anomalies(scenario, schedule);
    expect(found.find((a) => a.kind === "state-offset-mismatch")).toMatchObject({ offset: 0, dedupeId: "p0-0" });
    expect(found.find((a) => a.kind === "state-divergence")?.detail).toContain("expected 2, got 4");
  });

  it("resume-from-group-offset: a crash after the poll skips the deposit (offset 0)", () => {
    const scenario = mutantScenario(findMutant("resume-from-group-offset")!);
    const found = anomalies(scenario, crashAt(scenario, CrashPoint.polled));
    expect(found.find((a) => a.kind === "state-offset-mismatch")).toMatchObject({ offset: 0, dedupeId: "p0-0" });
    expect(found.map((a) => a.kind)).toContain("lost-output");
  });

  it("outputs-without-outbox: a crash after the commit loses the deposit's output", () => {
    const scenario = mutantScenario(findMutant("outputs-without-outbox")!);
    const found = anomalies(scenario, crashAt(scenario, CrashPoint.logged));
    expect(found).toEqual([expect.objectContaining({ kind: "lost-output", dedupeId: "p0-0" })]);
  });

  it("the reference runtime passes every one of these schedules", async () => {
    const { resolveScenario } = await import("../../src/scenario/scenario.ts");
    const reference = resolveScenario({ ...mutantScenario(findMutant("dedupe-off")!).definition, runtime: "reference" }, null);
    for (const point of [CrashPoint.polled, CrashPoint.committed, CrashPoint.logged]) {
      expect(judgeSchedule(reference, crashAt(reference, point)).verdict.ok).toBe(true);
    }
  });
});
