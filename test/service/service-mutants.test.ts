import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultFaultKinds } from "../../src/faults/fault-kind.ts";
import { runScenario } from "../../src/run/run-scenario.ts";
import { mutants } from "../../src/runtime/mutants.ts";
import { bankLedger } from "../../src/runtime/processors/bank-ledger.ts";
import { builtInScenario } from "../../src/scenario/mutant-scenario.ts";
import { ledgerServiceScenario, serviceMutants, serviceMutantScenario, serviceMutantsDir } from "../../src/scenario/service-mutants.ts";

const seed = 1;
/** Schedules without faults each variant must pass: what "passes a happy-path test" means here. */
const happySchedules = 30;
/** Most intents of a happy-path schedule. */
const happyIntentsMax = 30;
/** Schedules within which each variant must be caught, from `seed` (every one is caught well within it). */
const detectionBudget = 600;

const fileOf = (module: string) => fileURLToPath(new URL(module, serviceMutantsDir));

describe("the service mutant catalogue", () => {
  it("has at least 10 entries, with unique kebab-case names no runtime mutant has", () => {
    const names = serviceMutants.map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const runtime = new Set(mutants.map((m) => m.name));
    expect(names.filter((name) => runtime.has(name))).toEqual([]);
  });

  it("gives each entry a one-line hazard and its own variant file, whose header names the bug", () => {
    const modules = serviceMutants.map((m) => m.module);
    expect(new Set(modules).size).toBe(modules.length);
    for (const mutant of serviceMutants) {
      expect(mutant.hazard.length).toBeGreaterThan(20);
      expect(mutant.hazard).not.toContain("\n");
      const file = fileOf(mutant.module);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8").split("\n").slice(0, 3).join(" ")).toContain(`Planted service bug \`${mutant.name}\``);
    }
  });

  it("builds each scenario as the ledger service's, with the variant's module, expecting a failure", () => {
    const reference = ledgerServiceScenario();
    expect(reference.name).toBe("ledger-service");
    expect(reference.expect).toBe("pass");
    expect(reference.world.service?.module).toBe(fileURLToPath(new URL("../../scenarios/services/ledger-service.ts", import.meta.url)));
    for (const mutant of serviceMutants) {
      const scenario = serviceMutantScenario(mutant);
      expect(scenario.name).toBe(`mutant-${mutant.name}`);
      expect(scenario.expect).toBe("fail");
      expect(scenario.description).toBe(mutant.hazard);
      expect(scenario.file).toBeNull();
      expect(scenario.world.processor).toBe(bankLedger);
      expect(scenario.world.service).toEqual({ ...reference.world.service, module: fileOf(mutant.module) });
      expect(scenario.shape.faults).toEqual(mutant.faults ?? defaultFaultKinds(false));
      // `eosim replay` finds it by the name its repro files carry.
      expect(builtInScenario(scenario.name)?.world.service?.module).toBe(fileOf(mutant.module));
    }
    expect(builtInScenario("ledger-service")?.world.service?.module).toBe(reference.world.service?.module);
  });
});

describe("the ledger service the mutants are variants of", () => {
  it("passes under every fault", () => {
    const result = runScenario(ledgerServiceScenario(), { seed, runs: 200 });
    expect(result.error).toBeNull();
    expect(result.failure).toBeNull();
  });
});

describe.each(serviceMutants)("service mutant $name", (mutant) => {
  it(`passes a happy-path run (${happySchedules} schedules, no faults)`, () => {
    // Short schedules, as a happy-path test is: a long one is a backlog, which is what
    // no-heartbeat's fraud check cannot get through without faults.
    const scenario = serviceMutantScenario({ ...mutant, faults: [] });
    const result = runScenario({ ...scenario, shape: { ...scenario.shape, maxIntents: happyIntentsMax } }, { seed, runs: happySchedules });
    expect(result.error).toBeNull();
    expect(result.failure).toBeNull();
    expect(result.runs).toBe(happySchedules);
  });

  it(`is caught within ${detectionBudget} schedules (seed ${seed})`, () => {
    const result = runScenario(serviceMutantScenario(mutant), { seed, runs: detectionBudget, shrinkTimeLimitSeconds: 5 });
    expect(result.error).toBeNull();
    expect(result.failure, `${mutant.name} not caught`).not.toBeNull();
    expect(result.failure!.schedulesToFailure).toBeLessThanOrEqual(detectionBudget);
  });
});
