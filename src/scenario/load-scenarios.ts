/**
 * Finding and loading scenario files. Scenario files are `*.scenario.ts` (or `.js`, `.mts`,
 * `.mjs`) modules under `scenarios/`, or any file named on the command line; each exports a
 * {@link defineScenario} value (default export, or named exports). Loading validates every
 * scenario against {@link ScenarioSchema} and rejects duplicate names.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as Result from "effect/Result";
import * as Schema from "effect/Schema";
import { BadInputError } from "./bad-input.ts";
import { type ScenarioDefinition, scenarioBrand } from "./define-scenario.ts";
import { formatSchemaError } from "./format-schema-error.ts";
import { loadErrorMessage } from "./load-error.ts";
import { watchedLoad } from "./load-watchdog.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";
import { ScenarioSchema } from "./scenario-schema.ts";

const scenarioFile = /\.scenario\.(ts|mts|js|mjs)$/;
const decode = Schema.decodeUnknownResult(ScenarioSchema);

/** Scenario files under `dir`, sorted, recursively. */
export function findScenarioFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => scenarioFile.test(name))
    .map((name) => join(dir, name))
    .sort();
}

/** Validate one exported value; throws {@link BadInputError} naming file and field. */
export function validateScenario(value: unknown, file: string | null): Scenario {
  const where = file ?? "scenario";
  if (typeof value !== "object" || value === null || (value as { kind?: unknown }).kind !== scenarioBrand) {
    throw new BadInputError(`${where}: the export is not a scenario (use defineScenario from "eosim")`);
  }
  const result = decode(value, { errors: "first", onExcessProperty: "error" });
  if (Result.isFailure(result)) throw new BadInputError(`${where}: ${formatSchemaError(result.failure, value)}`);
  return resolveScenario(value as ScenarioDefinition, file);
}

/**
 * Import a scenario module. In a CommonJS package (no `"type": "module"`) tsx compiles a
 * `.ts` file as CommonJS and Node refuses the resulting require cycle; tsx's scoped
 * `tsImport` loads it as a module of its own, so scenario files work in either kind of
 * project. The common case keeps the plain `import()`.
 */
async function importModule(path: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_REQUIRE_CYCLE_MODULE") throw error;
    const { tsImport } = await import("tsx/esm/api");
    const module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
    return typeof module.default === "object" && module.default !== null && !isScenario(module.default) ? (module.default as Record<string, unknown>) : module;
  }
}

const isScenario = (value: unknown): boolean =>
  typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === scenarioBrand;

/** Import a scenario file and validate every scenario it exports. */
export async function loadScenarioFile(path: string): Promise<Scenario[]> {
  const shown = relative(process.cwd(), resolve(path)) || path;
  if (!existsSync(path) || !statSync(path).isFile()) throw new BadInputError(`${shown}: no such scenario file`);
  let module: Record<string, unknown>;
  try {
    module = await watchedLoad(path, () => importModule(resolve(path)));
  } catch (error) {
    throw new BadInputError(loadErrorMessage(error, shown));
  }
  const exported = Object.values(module).filter((v) => typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === scenarioBrand);
  if (exported.length === 0) throw new BadInputError(`${shown}: exports no scenario (export default defineScenario({...}))`);
  return [...new Set(exported)].map((value) => validateScenario(value, shown));
}

/** Load scenarios from files; rejects two scenarios with the same name. */
export async function loadScenarios(files: readonly string[]): Promise<Scenario[]> {
  const all: Scenario[] = [];
  for (const file of files) all.push(...(await loadScenarioFile(file)));
  const seen = new Map<string, Scenario>();
  for (const scenario of all) {
    const other = seen.get(scenario.name);
    if (other !== undefined) throw new BadInputError(`${scenario.file}: scenario name "${scenario.name}" is also used by ${other.file}`);
    seen.set(scenario.name, scenario);
  }
  return all;
}
