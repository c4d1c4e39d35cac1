import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eosim } from "../cli/run-cli.ts";

const fixtures = fileURLToPath(new URL("../fixtures/services/", import.meta.url));

/** History hashes of a dozen schedules of the virtual-time service, computed in a fresh process. */
function hashesInNewProcess(seed: number): string {
  const run = spawnSync(process.execPath, ["--conditions=eosim-source", "--import", "tsx", `${fixtures}history-hash.mts`, `${fixtures}virtual-time.scenario.ts`, String(seed)], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout.trim();
}

describe("a service under eosim's scheduler", () => {
  it("uses Date.now, setTimeout and Math.random yet gives the same history hashes in two processes", () => {
    const first = hashesInNewProcess(7);
    expect(first.split(" ")).toHaveLength(12);
    expect(hashesInNewProcess(7)).toBe(first);
    expect(hashesInNewProcess(8)).not.toBe(first);
  });

  // Each must stop with exit 2 and one line naming the instance and what it did, well within 30 s.
  const cases = [
    ["real-io", "does-real-io", /^FAIL does-real-io: service error: instance \d \(life 1, step \d+ of the schedule\): service module .*real-io-service\.ts imports "node:fs\/promises": real I\/O cannot run/],
    ["never-settles", "awaits-forever", /^FAIL awaits-forever: service error: instance \d \(life 1, step \d+ of the schedule\) waits on a promise eosim does not settle/],
    ["busy-loop", "loops-forever", /^FAIL loops-forever: service error: the service ran for more than 2000 ms without awaiting/],
  ] as const;
  for (const [file, name, line] of cases) {
    it(`stops a service that ${name.replace(/-/g, " ")} with exit 2 and a one-line message`, () => {
      const started = Date.now();
      const run = eosim(["run", `${fixtures}${file}.scenario.ts`, "--runs", "20", "--seed", "1", "--quiet"]);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(run.code).toBe(2);
      const lines = run.stdout.trim().split("\n").filter((l) => l.startsWith("FAIL"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});

describe("sandbox reuse between schedules", () => {
  it("gives a schedule the same history whether its sandbox is new or was used by other schedules", async () => {
    const { loadScenarioFile } = await import("../../src/scenario/load-scenarios.ts");
    const { scheduleArbitrary } = await import("../../src/schedule/schedule-arbitrary.ts");
    const { runSchedule } = await import("../../src/sim/run-schedule.ts");
    const fc = (await import("fast-check")).default;
    const [scenario] = await loadScenarioFile(`${fixtures}virtual-time.scenario.ts`);
    const schedules = fc.sample(scheduleArbitrary(scenario.shape), { seed: 11, numRuns: 6 });
    const first = runSchedule(scenario.world, schedules[0]).history.hex();
    const others = schedules.slice(1).map((s) => runSchedule(scenario.world, s).history.hex());
    expect(runSchedule(scenario.world, schedules[0]).history.hex()).toBe(first);
    expect(new Set([first, ...others]).size).toBeGreaterThan(1);
  });
});
