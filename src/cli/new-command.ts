/**
 * `eosim new <name>`: write `scenarios/<name>.scenario.ts` from a commented template that
 * passes as written. It never overwrites a file: a scenario may hold work, so an existing one
 * is bad input (exit 2), as is a name that could not be a scenario's name.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BadInputError } from "../scenario/bad-input.ts";
import { scenarioNamePattern, scenarioNameRule } from "../scenario/scenario-name.ts";
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { scenarioTemplate } from "./scenario-template.ts";
import { scenariosDir } from "./select-scenarios.ts";

/** Where `eosim new` writes the scenario called `name`. */
export function newScenarioPath(name: string): string {
  return join(scenariosDir, `${name}.scenario.ts`);
}

/** Run the command; returns the exit code. */
export async function newCommand(argv: readonly string[]): Promise<ExitCode> {
  const { positionals } = parseFlags("new", argv, {});
  if (positionals.length !== 1) throw new BadInputError("eosim new takes exactly one scenario name (eosim new <name>)");
  const [name] = positionals;
  if (!scenarioNamePattern.test(name)) throw new BadInputError(`new: the name ${scenarioNameRule}, got ${JSON.stringify(name)}`);
  const path = newScenarioPath(name);
  if (existsSync(path)) throw new BadInputError(`new: ${path} already exists; pick another name or edit that file`);
  mkdirSync(scenariosDir, { recursive: true });
  writeFileSync(path, scenarioTemplate(name), { flag: "wx" });
  console.log(`wrote ${path}`);
  console.log(`run it: npx eosim run ${name}`);
  return ExitCode.ok;
}
