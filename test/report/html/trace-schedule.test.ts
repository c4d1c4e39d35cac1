// A failure report's re-run watches the world between steps without changing it: the traced
// history is byte-identical to the untraced one, for the reference runtime and a service,
// with one row per intent in order, and a bound on how many rows it keeps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scheduleArbitrary } from "../../../src/fast-check.ts";
import { traceSchedule } from "../../../src/report/html/trace-schedule.ts";
import { builtInScenario, referenceScenarios } from "../../../src/scenario/mutant-scenario.ts";
import { runSchedule } from "../../../src/sim/run-schedule.ts";
import { builtInScenario as loadBuiltIn } from "../../helpers.ts";

describe("traceSchedule", () => {
  it("makes the history an untraced run makes, on the reference runtime", () => {
    const scenario = referenceScenarios()[0];
    for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 3, numRuns: 40 })) {
      const trace = traceSchedule(scenario, schedule);
      expect(trace.view.history.hex()).toBe(runSchedule(scenario.world, schedule).history.hex());
      expect(trace.verdict.ok).toBe(true);
    }
  });

  it("makes the history an untraced run makes, for a user's service", () => {
    const scenario = builtInScenario("ledger-service")!;
    for (const schedule of fc.sample(scheduleArbitrary(scenario.shape), { seed: 5, numRuns: 4 })) {
      expect(traceSchedule(scenario, schedule).view.history.hex()).toBe(runSchedule(scenario.world, schedule).history.hex());
    }
  });

  it("makes the history an untraced run makes, for a service with an external database, and shows its tables", async () => {
    const external = await loadBuiltIn("external-store");
    let tables = 0;
    for (const schedule of fc.sample(scheduleArbitrary(external.shape), { seed: 5, numRuns: 4 })) {
      const trace = traceSchedule(external, schedule);
      expect(trace.view.history.hex()).toBe(runSchedule(external.world, schedule).history.hex());
      const last = trace.rows[trace.rows.length - 1].after;
      const database = last.stores.filter((s) => s.database === true);
      expect(database.every((s) => s.instance === -1)).toBe(true);
      tables += database.length;
    }
    expect(tables).toBeGreaterThan(0);
  });

  it("has a start row, one row per intent in order, the heal, then drain steps, covering the history without gaps", () => {
    const scenario = referenceScenarios()[0];
    const [schedule] = fc.sample(scheduleArbitrary(scenario.shape), { seed: 11, numRuns: 1 });
    const trace = traceSchedule(scenario, schedule);
    const points = trace.rows.map((r) => r.point);
    expect(points[0]).toEqual({ at: "start" });
    expect(points.slice(1, schedule.intents.length + 1)).toEqual(schedule.intents.map((_, index) => ({ at: "intent", index })));
    expect(points[schedule.intents.length + 1]).toEqual({ at: "heal" });
    expect(points.slice(schedule.intents.length + 2).every((p) => p.at === "drain")).toBe(true);
    for (let i = 1; i < trace.rows.length; i++) expect(trace.rows[i].from).toBe(trace.rows[i - 1].to);
    expect(trace.rows[0].from).toBe(0);
    expect(trace.omittedRows).toBe(0);
  });

  it("the last row's stores hold what each partition's live store holds at the end", () => {
    const scenario = referenceScenarios()[0];
    const [schedule] = fc.sample(scheduleArbitrary(scenario.shape), { seed: 12, numRuns: 1 });
    const trace = traceSchedule(scenario, schedule);
    const last = trace.rows[trace.rows.length - 1].after;
    trace.view.liveStores.forEach((live, partition) => {
      if (live === null) return;
      const owner = last.instances.find((i) => i.running?.includes(partition))!;
      const store = last.stores.find((s) => s.instance === owner.id && s.partition === partition)!;
      expect(store.nextOffset).toBe(live.nextOffset);
      expect(Object.fromEntries(store.state.map(([k, v]) => [k, JSON.parse(v)]))).toEqual(Object.fromEntries(live.state));
    });
  });

  it("keeps at most rowsMax rows and counts the rest", () => {
    const scenario = referenceScenarios()[0];
    const [schedule] = fc.sample(scheduleArbitrary(scenario.shape), { seed: 11, numRuns: 1 });
    const full = traceSchedule(scenario, schedule);
    const cut = traceSchedule(scenario, schedule, 3);
    expect(cut.rows).toHaveLength(3);
    expect(cut.rows).toEqual(full.rows.slice(0, 3));
    expect(cut.omittedRows).toBeGreaterThan(0);
    expect(cut.view.history.hex()).toBe(full.view.history.hex());
  });
});
