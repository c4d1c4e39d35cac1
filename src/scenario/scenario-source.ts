/**
 * Where a scenario comes from, as plain data: worker threads cannot receive a scenario
 * (it holds the user's processor functions), so each worker loads it again from its source.
 * A scenario file is loaded by path and picked by name; a scenario built in code is the
 * result of calling an exported function of a module with JSON arguments.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BadInputError } from "./bad-input.ts";
import { loadScenarioFile } from "./load-scenarios.ts";
import type { Scenario } from "./scenario.ts";

/** A JSON value passed to a scenario factory. */
export type SourceArgument = string | number | boolean | null;

/** How to load a scenario in another thread. */
export type ScenarioSource =
  | { readonly kind: "file"; readonly path: string; readonly name: string }
  | { readonly kind: "module"; readonly module: string; readonly factory: string; readonly args: readonly SourceArgument[] };

/** The source of a scenario loaded from a file; throws for scenarios built in code. */
export function fileSourceOf(scenario: Scenario): ScenarioSource {
  if (scenario.file === null) {
    throw new BadInputError(`scenario "${scenario.name}" was built in code: give the parallel runner a module source to load it in worker threads`);
  }
  return { kind: "file", path: resolve(scenario.file), name: scenario.name };
}

/** The source "call `factory(...args)` exported by the module at `moduleUrl`". */
export function moduleSource(moduleUrl: string | URL, factory: string, args: readonly SourceArgument[] = []): ScenarioSource {
  return { kind: "module", module: String(moduleUrl), factory, args };
}

/** Load the scenario a source names. */
export async function loadScenarioSource(source: ScenarioSource): Promise<Scenario> {
  if (source.kind === "file") {
    const found = (await loadScenarioFile(source.path)).find((s) => s.name === source.name);
    if (found === undefined) throw new BadInputError(`${source.path}: no scenario named "${source.name}"`);
    return found;
  }
  const url = source.module.startsWith("file:") ? source.module : pathToFileURL(resolve(source.module)).href;
  const module = (await import(url)) as Record<string, unknown>;
  const factory = module[source.factory];
  if (typeof factory !== "function") throw new BadInputError(`${source.module}: exports no function "${source.factory}"`);
  return (factory as (...args: readonly SourceArgument[]) => Scenario)(...source.args);
}
