/**
 * The `eosim` command: dispatch to a subcommand and map every error to its exit code with a
 * one-line message (bad input: 2; a bug in eosim: 4, with a request to report it). A closed
 * stdout (`eosim run | head -1`) ends the process quietly (`closed-output.ts`).
 */
import { readFileSync } from "node:fs";
import { HarnessError } from "../core/invariant.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { benchCommand } from "./bench-command.ts";
import { endQuietlyOnClosedOutput } from "./closed-output.ts";
import { ExitCode } from "./exit-codes.ts";
import { catchStrayErrors } from "./stray-error.ts";
import { commandHelp, helpText } from "./help-text.ts";
import { listCommand } from "./list-command.ts";
import { mergeCommand } from "./merge-command.ts";
import { mutantsCommand } from "./mutants-command.ts";
import { newCommand } from "./new-command.ts";
import { replayCommand } from "./replay-command.ts";
import { runCommand } from "./run-command.ts";
import { oneLine } from "../core/one-line.ts";

const commands: Record<string, (argv: readonly string[]) => Promise<ExitCode>> = {
  run: runCommand,
  replay: replayCommand,
  list: listCommand,
  mutants: mutantsCommand,
  merge: mergeCommand,
  bench: benchCommand,
  new: newCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Run eosim with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  endQuietlyOnClosedOutput();
  catchStrayErrors();
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(helpText);
    return command === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  if (command === "--version" || command === "-v") {
    console.log(version());
    return ExitCode.ok;
  }
  const handler = commands[command];
  const help = handler === undefined ? undefined : commandHelp(command);
  if (help !== undefined && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(help);
    return ExitCode.ok;
  }
  try {
    if (handler === undefined) throw new BadInputError(`unknown command "${command}" (commands: ${Object.keys(commands).join(", ")}; see eosim --help)`);
    return await handler(rest);
  } catch (error) {
    if (error instanceof BadInputError) {
      console.error(`eosim: ${oneLine(error.message)}`);
      return ExitCode.badInput;
    }
    const detail = error instanceof Error ? (error instanceof HarnessError ? error.message : error.stack ?? error.message) : String(error);
    console.error(`eosim: internal error (a bug in eosim; please report it with this output): ${detail}`);
    return ExitCode.harness;
  }
}
