// What a failure report shows, built from real failures of planted bugs: rows per step, the
// duplicate that caused the failure, the first divergence, each anomaly linked to the event
// where it shows, the store's state around it; the same data every time; its bounds.
import { describe, expect, it } from "vitest";
import { failureReportOf } from "../../../src/report/html/failure-report.ts";
import type { FailureReportData } from "../../../src/report/html/failure-report-data.ts";
import { failureReportData } from "../../../src/report/html/failure-report-model.ts";
import { traceSchedule } from "../../../src/report/html/trace-schedule.ts";
import { describeIntents } from "../../../src/schedule/describe-intent.ts";
import { builtInScenario } from "../../../src/scenario/mutant-scenario.ts";
import { builtInScenario as loadBuiltIn } from "../../helpers.ts";
import { findFailure, plantedBug } from "../../helpers/reports.ts";

const dedupeOff = findFailure(plantedBug("dedupe-off"));
const data = failureReportOf(dedupeOff.scenario, 1, dedupeOff.failure, "reports/repro/x.json");

function anomaly(report: FailureReportData, kind: string) {
  const found = report.anomalies.find((a) => a.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} in ${report.anomalies.map((a) => a.kind).join(", ")}`);
  return found;
}

describe("the failure report of dedupe-off (a retried or re-sent input applied twice)", () => {
  it("has the verdict of the failure: its checkers, anomalies, seed and replay command", () => {
    expect(data.scenario).toBe("mutant-dedupe-off");
    expect(data.failure).toBe("safety");
    expect(data.replay).toBe("npx eosim replay reports/repro/x.json");
    expect(data.checkers.map((c) => c.checker)).toEqual(dedupeOff.failure.verdict.verdicts.map((v) => v.checker));
    const failed = dedupeOff.failure.verdict.verdicts.filter((v) => v.valid !== true);
    expect(data.anomalies.map((a) => `${a.checker}: ${a.kind}: ${a.detail}`)).toEqual(failed.flatMap((v) => v.anomalies.map((a) => `${v.checker}: ${a.kind}: ${a.detail}`)));
    expect(data.notes).toEqual([]);
  });

  it("has a row per intent with the schedule's text, between the start and the heal", () => {
    const steps = describeIntents(dedupeOff.failure.schedule.intents, undefined, dedupeOff.scenario.world);
    expect(data.steps).toEqual(steps);
    const intents = data.rows.filter((r) => r.kind === "intent");
    expect(intents.map((r) => [r.anchor, r.text])).toEqual(steps.map((text, i) => [`step-${i + 1}`, text]));
    expect(data.rows[0].anchor).toBe("start");
    expect(data.rows[steps.length + 1].anchor).toBe("heal");
    expect(data.rows.slice(steps.length + 2).every((r) => r.kind === "drain" && r.events.length > 0)).toBe(true);
    for (const row of data.rows) for (const i of row.events) expect(data.events[i].row).toBe(data.rows.indexOf(row));
  });

  it("marks the input that landed twice, and the read of it, as duplicates", () => {
    const appends = data.events.filter((e) => e.lane.startsWith("input-") && e.op === "append" && e.marks.includes("duplicate"));
    expect(appends.length).toBeGreaterThan(0);
    for (const e of appends) expect(e.records.some((r) => r.duplicate && r.id !== null)).toBe(true);
    expect(data.events.some((e) => e.op === "fetch" && e.marks.includes("duplicate"))).toBe(true);
  });

  it("marks one first divergence, a store commit, and links atomicity's anomaly to it", () => {
    const divergent = data.events.filter((e) => e.marks.includes("divergence"));
    expect(divergent).toHaveLength(1);
    expect(divergent[0].op).toBe("store-commit");
    const mismatch = anomaly(data, "state-offset-mismatch");
    expect(mismatch.event).toBe(divergent[0].id);
    expect(data.events[divergent[0].id].anomalies).toContain(mismatch.index);
    // The commit changed the diverged key: the row's state after it is not the state before it.
    const store = divergent[0].store!;
    const key = divergent[0].changedKeys[0];
    const after = data.states[divergent[0].row].stores[store];
    expect(after.entries.find(([k]) => k === key)).toBeDefined();
  });

  it("links an output anomaly to the append of that output, and every anomaly's row to its event's", () => {
    const output = anomaly(data, "inconsistent-output");
    const event = data.events[output.event!];
    expect(event.lane).toMatch(/^output-/);
    expect(event.op).toBe("append");
    for (const a of data.anomalies) if (a.event !== null) expect(a.row).toBe(data.events[a.event].row);
    for (const a of data.anomalies) expect(a.related).toContain(a.event);
  });

  it("is the same data every time it is built", () => {
    expect(JSON.stringify(failureReportOf(dedupeOff.scenario, 1, dedupeOff.failure, "reports/repro/x.json"))).toBe(JSON.stringify(data));
  });

  it("shows at most the rows it traced, and says how many more steps there were", () => {
    const trace = traceSchedule(dedupeOff.scenario, dedupeOff.failure.schedule, 4);
    const cut = failureReportData({
      scenario: "s", runtime: null, config: dedupeOff.scenario.world, seed: 1, schedule: dedupeOff.failure.schedule, verdict: dedupeOff.failure.verdict,
      failure: "safety", error: null, historyHash: dedupeOff.failure.historyHash, found: null, repro: null, replay: null, trace, traceError: null,
    });
    expect(cut.rows.length).toBeLessThanOrEqual(4);
    expect(cut.omittedRows).toBe(trace.omittedRows);
    expect(cut.notes.some((n) => n.startsWith(`${trace.omittedRows} more steps not shown`))).toBe(true);
  });
});

describe("the failure report of no-fencing (a zombie writes after it was replaced)", () => {
  const zombie = findFailure(plantedBug("no-fencing"));
  const report = failureReportOf(zombie.scenario, 1, zombie.failure, null);

  it("links the restoration anomaly to the last changelog write, which the zombie made after the owner's", () => {
    const restore = anomaly(report, "restore-offset");
    const last = report.events[restore.event!];
    expect(last.lane).toMatch(/^changelog-/);
    const writes = report.events.filter((e) => e.lane === last.lane && e.op === "append");
    expect(writes[writes.length - 1].id).toBe(last.id);
    const before = writes[writes.length - 2];
    expect(last.instance).not.toBe(before.instance);
  });
});

describe("reports of a service and of an error", () => {
  it("shows a service's store changes and links its state anomaly to the last change of that state", () => {
    const service = findFailure(builtInScenario("mutant-offset-dedupe-id")!);
    const report = failureReportOf(service.scenario, 1, service.failure, null);
    expect(report.subject).toMatch(/^service /);
    const changes = report.events.filter((e) => e.op === "store-change");
    expect(changes.length).toBeGreaterThan(0);
    const divergence = anomaly(report, "state-divergence");
    const event = report.events[divergence.event!];
    expect(event.op).toBe("store-change");
    expect(event.lane).toMatch(/^store-\d+-balances\/\d+$/);
  });

  it("shows the external database's tables in their own lanes, and links a state anomaly there", async () => {
    // Seed 2: seed 1 finds this service's lost output first, which is no state anomaly.
    const found = findFailure(await loadBuiltIn("external-store-offsets-in-broker"), 2);
    const report = failureReportOf(found.scenario, 1, found.failure, null);
    const lanes = report.lanes.filter((l) => l.kind === "database");
    expect(lanes.some((l) => /^database-balances\/\d+$/.test(l.id))).toBe(true);
    expect(lanes.every((l) => l.instance === null && /^database balances\/\d+$/.test(l.title))).toBe(true);
    const changes = report.events.filter((e) => e.op === "store-change" && e.lane.startsWith("database-"));
    expect(changes.length).toBeGreaterThan(0);
    // The database is no instance's: its changes have no actor lane and no instance.
    expect(changes.every((e) => e.actorLane === null && e.instance === null)).toBe(true);
    // The rows where a table changed hold its state, to show before and after the step.
    const tables = report.states.flatMap((state) => Object.entries(state.stores).filter(([id, store]) => id.startsWith("database-balances/") && store.exists && store.entries.length > 0));
    expect(tables.length).toBeGreaterThan(0);
    const divergence = anomaly(report, "state-divergence");
    expect(report.events[divergence.event!].lane).toMatch(/^database-balances\/\d+$/);
  });

  it("holds the error and the schedule for a schedule that stopped the run", () => {
    const { schedule } = dedupeOff.failure;
    const report = failureReportOf(dedupeOff.scenario, 1, { kind: "error", schedule, errorKind: "processor", message: "processor \"x\" threw: boom" }, "r.json");
    expect(report.failure).toBe("processor");
    expect(report.error).toBe("processor \"x\" threw: boom");
    expect(report.rows).toEqual([]);
    expect(report.steps).toHaveLength(schedule.intents.length);
    expect(report.notes[0]).toMatch(/stopped the run with an error/);
  });
});
