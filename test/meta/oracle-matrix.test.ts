// The oracle x mutant matrix: every planted bug names the checkers that must catch it, and
// each of them, running alone, catches it within a small budget. A checker that goes blind to
// a hazard (a broken body, a record it no longer reads) fails here, not silently in the field.
import { describe, expect, it } from "vitest";
import { checkers } from "../../src/check/all-checkers.ts";
import { mutants } from "../../src/runtime/mutants.ts";
import { mutantScenario } from "../../src/scenario/mutant-scenario.ts";
import { runScenario } from "../../src/run/run-scenario.ts";

const budget = 1500;

describe("oracle x mutant matrix", () => {
  it("every declared checker exists", () => {
    const names = new Set(checkers.map((c) => c.name));
    for (const mutant of mutants) {
      expect(mutant.caughtBy.length, mutant.name).toBeGreaterThan(0);
      for (const name of mutant.caughtBy) expect(names.has(name), `${mutant.name}: ${name}`).toBe(true);
    }
  });

  for (const mutant of mutants) {
    it(`${mutant.name} is caught by each of ${mutant.caughtBy.join(", ")} alone`, () => {
      const scenario = mutantScenario(mutant);
      for (const name of mutant.caughtBy) {
        const only = checkers.filter((c) => c.name === name);
        const result = runScenario({ ...scenario, checkers: only }, { seed: 1, runs: budget, shrinkTimeLimitSeconds: 1 });
        const failed = result.failure?.verdict.verdicts.filter((v) => v.valid === false).map((v) => v.checker) ?? [];
        expect(failed, `${mutant.name} under ${name} alone`).toEqual([name]);
      }
    });
  }
});
