/**
 * `eosim list`: every scenario with its processor, expectation and description.
 */
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { selectScenarios } from "./select-scenarios.ts";

/** Run the command; returns the exit code. */
export async function listCommand(argv: readonly string[]): Promise<ExitCode> {
  const { positionals } = parseFlags("list", argv, {});
  const scenarios = await selectScenarios(positionals);
  const width = Math.max(8, ...scenarios.map((s) => s.name.length));
  for (const s of scenarios) {
    console.log(`${s.name.padEnd(width)}  ${s.world.processor.name.padEnd(14)}  expect ${s.expect.padEnd(4)}  ${s.description}`);
  }
  return ExitCode.ok;
}
