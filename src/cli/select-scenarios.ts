/**
 * Which scenarios a command runs: every scenario file under `scenarios/`, plus files named on
 * the command line; names on the command line select by scenario name. Unknown names are bad
 * input (exit 2), listing the names that exist.
 */
import { existsSync } from "node:fs";
import { BadInputError } from "../scenario/bad-input.ts";
import { findScenarioFiles, loadScenarios } from "../scenario/load-scenarios.ts";
import type { Scenario } from "../scenario/scenario.ts";

/** The default folder of scenario files. */
export const scenariosDir = "scenarios";

/** Resolve command-line selectors (names or file paths) to scenarios, in the order given. */
export async function selectScenarios(selectors: readonly string[]): Promise<Scenario[]> {
  const paths = selectors.filter((s) => /\.(ts|mts|js|mjs)$/.test(s) || existsSync(s));
  const names = selectors.filter((s) => !paths.includes(s));
  const files = [...new Set([...(names.length > 0 || paths.length === 0 ? findScenarioFiles(scenariosDir) : []), ...paths])];
  const all = await loadScenarios(files);
  if (selectors.length === 0) return all;
  const fromPaths = all.filter((s) => s.file !== null && paths.some((p) => sameFile(p, s.file!)));
  const byName = names.map((name) => {
    const found = all.find((s) => s.name === name);
    if (found === undefined) {
      throw new BadInputError(`unknown scenario "${name}" (known: ${all.map((s) => s.name).join(", ") || "none"})`);
    }
    return found;
  });
  return [...new Set([...byName, ...fromPaths])];
}

function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/^\.\//, "");
  return norm(a) === norm(b);
}
