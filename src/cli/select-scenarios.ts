/**
 * Which scenarios a command runs. With no selectors: every scenario file under `scenarios/`
 * (none is bad input, exit 2, naming the project root when it is elsewhere).
 * Otherwise each selector is, in this order of precedence, a glob pattern (its matching
 * files), a folder (every `*.scenario.*` file under it), a file path, or a scenario name
 * (looked up under `scenarios/`). Scenarios come back in the order the selectors were given,
 * each once. A glob or folder that selects nothing, a path that does not exist and an unknown
 * name are bad input (exit 2): a CI step that silently runs no scenario would pass for the
 * wrong reason.
 */
import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BadInputError } from "../scenario/bad-input.ts";
import { findScenarioFiles, loadScenarios } from "../scenario/load-scenarios.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { expandGlob, isGlob } from "./expand-glob.ts";
import { findProjectRoot, scenariosDir } from "../scenario/project-root.ts";

export { scenariosDir };

const moduleFile = /\.(ts|mts|js|mjs)$/;

/** One command-line selector, resolved: files to load, or a scenario name. */
type Selection = { readonly files: readonly string[] } | { readonly name: string };

function resolveSelector(selector: string): Selection {
  if (isGlob(selector)) {
    const files = expandGlob(selector).filter((f) => moduleFile.test(f));
    if (files.length === 0) throw new BadInputError(`no scenario files match ${JSON.stringify(selector)}`);
    return { files };
  }
  if (existsSync(selector) && statSync(selector).isDirectory()) {
    const files = findScenarioFiles(selector);
    if (files.length === 0) throw new BadInputError(`${selector}: no *.scenario.ts files in this folder`);
    return { files };
  }
  if (moduleFile.test(selector) || existsSync(selector)) return { files: [selector] };
  if (/[\\/]/.test(selector)) throw new BadInputError(`${selector}: no such file or folder`);
  return { name: selector };
}

/** Why running with no selector finds nothing to run, in one line, with where to look instead. */
function noScenariosMessage(dir: string): string {
  const here = `no scenarios to run: ${existsSync(dir) ? `${dir}/ holds no *.scenario.ts files` : `no ${dir}/ folder in ${process.cwd()}`}`;
  const root = findProjectRoot();
  if (root !== null && resolve(root, scenariosDir) !== resolve(dir)) return `${here} (the project's is ${relative(process.cwd(), join(root, scenariosDir))}/: run eosim from ${root})`;
  return `${here} (write one with eosim new <name>, or name scenario files)`;
}

/**
 * Every scenario under `dir`; none is bad input (exit 2): a CI step that runs no scenario
 * would pass for the wrong reason.
 */
async function allScenarios(dir: string): Promise<Scenario[]> {
  const files = findScenarioFiles(dir);
  if (files.length === 0) throw new BadInputError(noScenariosMessage(dir));
  return loadScenarios(files);
}

/**
 * Resolve command-line selectors (names, paths, folders, globs) to scenarios, in the order
 * given. Names (and no selector at all) look in `dir`, by default `scenarios/` of the current
 * folder.
 */
export async function selectScenarios(selectors: readonly string[], dir: string = scenariosDir): Promise<Scenario[]> {
  if (selectors.length === 0) return allScenarios(dir);
  const selections = selectors.map(resolveSelector);
  const needsNames = selections.some((s) => "name" in s);
  const named = needsNames ? await loadScenarios(findScenarioFiles(dir)) : [];
  const fileList = [...new Set(selections.flatMap((s) => ("files" in s ? s.files.map(normalize) : [])))];
  const namedFiles = new Set(named.map((s) => normalize(s.file ?? "")));
  const fromFiles = await loadScenarios(fileList.filter((f) => !namedFiles.has(f)));
  const all = [...named, ...fromFiles];
  const picked = selections.flatMap((selection) => {
    if ("files" in selection) {
      const files = new Set(selection.files.map(normalize));
      return all.filter((s) => s.file !== null && files.has(normalize(s.file)));
    }
    const found = named.find((s) => s.name === selection.name);
    if (found === undefined) {
      throw new BadInputError(`unknown scenario "${selection.name}" (known: ${named.map((s) => s.name).join(", ") || "none"})`);
    }
    return [found];
  });
  return [...new Set(picked)];
}

/** One spelling per file, so a file named twice (or by name and by path) loads once. */
function normalize(path: string): string {
  return resolve(path);
}
