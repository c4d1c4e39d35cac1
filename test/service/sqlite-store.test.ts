// `store: "sqlite"` runs the ledger service on an embedded SQLite database per instance disk:
// deterministic (the same schedule gives the same history twice), and indistinguishable from
// the simulated disk (the same history, record for record), since both keep the same
// semantics and the same key order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { scheduleArbitrary } from "../../src/schedule/schedule-arbitrary.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";

const [scenario] = await loadScenarioFile("scenarios/ledger-service-sqlite.scenario.ts");
const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 7, numRuns: 40 });
const hashes = (store: "memory" | "sqlite") => schedules.map((schedule) => runSchedule({ ...scenario.world, store }, schedule).history.hex());

describe("the ledger service on the SQLite store", () => {
  it("selects SQLite through the scenario's store option", () => {
    expect(scenario.world.store).toBe("sqlite");
  });

  it("gives the same history as on the simulated disk, and the same again on a second run", () => {
    const sqlite = hashes("sqlite");
    expect(new Set(sqlite).size).toBeGreaterThan(30);
    expect(sqlite).toEqual(hashes("memory"));
    expect(hashes("sqlite")).toEqual(sqlite);
  });
});
