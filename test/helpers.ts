/** Shared test helpers: load the built-in scenarios once per file. */
import { findScenarioFiles, loadScenarios, type Scenario } from "../src/index.ts";

/** Load a built-in scenario by name from scenarios/. */
export async function builtInScenario(name: string): Promise<Scenario> {
  const all = await loadScenarios(findScenarioFiles("scenarios"));
  const found = all.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no built-in scenario ${name}`);
  return found;
}
