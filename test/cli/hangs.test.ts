// Code that never ends, in a processor or at a scenario file's top level, and errors thrown
// after loading: each is one line and exit 2, within a bound, never a hang or a stack trace.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const fixture = (name: string) => `test/fixtures/hangs/${name}.scenario.ts`;
const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

describe("the watchdog", () => {
  it("stops a processor that loops forever and names it, the input and the budget (exit 2)", () => {
    const run = eosim(["run", fixture("endless-process"), "--seed", "1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/FAIL fixture-endless-process: processor error: processor "loops-on-big-draws" did not return within 300 ms on input p0-\d+ \(key k\d\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("does the same with --workers 2", () => {
    const run = eosim(["run", fixture("endless-process"), "--seed", "1", "--workers", "2", "--json"]);
    expect(run.code).toBe(2);
    const summary = JSON.parse(run.stdout) as { scenarios: { error: string }[] };
    expect(summary.scenarios[0].error).toMatch(/processor "loops-on-big-draws" did not return within 300 ms/);
  });

  it("stops a scenario file that loops at its top level", () => {
    const run = eosim(["run", fixture("import-loop")], { env: { EOSIM_LOAD_TIMEOUT_MS: "1000" } });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(["eosim: test/fixtures/hangs/import-loop.scenario.ts: did not finish loading within 1 s (a loop at its top level, or an await that never ends?)"]);
  });

  it("stops a scenario file whose top-level await never settles", () => {
    const run = eosim(["list", fixture("import-never-settles")], { env: { EOSIM_LOAD_TIMEOUT_MS: "1000" } });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(["eosim: test/fixtures/hangs/import-never-settles.scenario.ts: did not finish loading within 1 s (a loop at its top level, or an await that never ends?)"]);
  });

  it("reports an error a scenario file's timer throws later on one line, naming where (exit 2)", () => {
    const run = eosim(["run", fixture("throws-later"), "--seed", "1", "--quiet"]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(["eosim: an error was thrown outside any run, from a timer or callback in the scenario's or service's code (at test/fixtures/hangs/throws-later.scenario.ts:5:9): thrown from a timer"]);
  });

  it("exits when its runs are done although a scenario file left an interval running", () => {
    const run = eosim(["run", fixture("leaves-interval"), "--seed", "1", "--quiet"]);
    expect(run.code).toBe(0);
  });

  it("reports a worker thread that runs out of memory on one line, with what to change (exit 2)", () => {
    const run = eosim(["run", fixture("heap-hog"), "--seed", "1", "--workers", "2"], { env: { EOSIM_WORKER_HEAP_MB: "64" } });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      "eosim: a worker thread ran out of memory (its heap limit is 64 MB): the scenario's service or state needs more; raise EOSIM_WORKER_HEAP_MB or run with --workers 1",
    ]);
  });

  it("refuses a heap limit that is not a number of megabytes", () => {
    const run = eosim(["run", "bank-ledger", "--runs", "10", "--workers", "2"], { env: { EOSIM_WORKER_HEAP_MB: "lots" } });
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual(['eosim: EOSIM_WORKER_HEAP_MB must be an integer number of megabytes from 16 to 1048576, got "lots"']);
  });

  it("guards a load in a process started with --input-type=module (the load watchdog does not inherit it)", () => {
    const script = `
      import { loadScenarios } from "./src/index.ts";
      const [scenario] = await loadScenarios(["scenarios/bank-ledger.scenario.ts"]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log(scenario.name);`;
    const stdout = execFileSync(process.execPath, ["--conditions=eosim-source", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(stdout.trim()).toBe("bank-ledger");
  });
});
