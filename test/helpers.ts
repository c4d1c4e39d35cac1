/** Shared test helpers: load the built-in scenarios once per file. */
import { expect } from "vitest";
import { BadInputError, findScenarioFiles, loadScenarios, type Scenario } from "../src/index.ts";

/** Load a built-in scenario by name from scenarios/. */
export async function builtInScenario(name: string): Promise<Scenario> {
  const all = await loadScenarios(findScenarioFiles("scenarios"));
  const found = all.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no built-in scenario ${name}`);
  return found;
}

/** The message of the BadInputError `run` throws (fails the test when it throws none, or another error). */
export function badInput(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as Error).message;
  }
  throw new Error("expected a BadInputError");
}
