/**
 * Errors thrown outside any run: from a timer or callback a scenario or service file left
 * behind, or a promise it rejected without handling. Node would print a raw stack trace after
 * the run's own output and exit 1 (or 7); eosim says what happened on one line and whose code
 * threw: the user's (bad input, exit 2) when the innermost frame outside Node is theirs, eosim's
 * own (exit 4) when it is in eosim's sources or build.
 */
import { fileURLToPath } from "node:url";
import { isError, stackOf, thrownMessage } from "../core/one-line.ts";
import { userFrame } from "../scenario/load-error.ts";
import { ExitCode } from "./exit-codes.ts";

const eosimRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The innermost stack frame outside Node's internals, as a file path, or null. */
function innermostFile(error: Error): string | null {
  for (const line of (stackOf(error) ?? "").split("\n").slice(1)) {
    const match = /at (?:.*\()?((?:file:\/\/)?[^()\s]+):\d+:\d+\)?\s*$/.exec(line.trim());
    if (match === null || match[1].startsWith("node:")) continue;
    return match[1].startsWith("file://") ? fileURLToPath(match[1]) : match[1];
  }
  return null;
}

function isEosims(file: string): boolean {
  if (file.includes("/node_modules/")) return /\/node_modules\/eosim\/(dist|bin)\//.test(file);
  return ["src/", "dist/", "bin/"].some((dir) => file.startsWith(eosimRoot + dir));
}

/** The one-line message and exit code for `error`, thrown `how` ("from a timer or callback", ...). */
export function strayErrorReport(error: unknown, how: string): { line: string; code: ExitCode } {
  const message = thrownMessage(error);
  const file = isError(error) ? innermostFile(error) : null;
  if (file !== null && isEosims(file)) {
    return { line: `eosim: internal error (a bug in eosim; please report it with this output): ${stackOf(error) ?? message}`, code: ExitCode.harness };
  }
  const frame = isError(error) ? userFrame(error) : null;
  return { line: `eosim: ${how} in the scenario's or service's code${frame === null ? "" : ` (at ${frame})`}: ${message}`, code: ExitCode.badInput };
}

/** Report stray errors on one line and exit with their code, instead of Node's stack trace. */
export function catchStrayErrors(): void {
  const report = (error: unknown, how: string) => {
    const { line, code } = strayErrorReport(error, how);
    process.stderr.write(`${line}\n`);
    process.exit(code);
  };
  process.on("uncaughtException", (error) => report(error, "an error was thrown outside any run, from a timer or callback"));
  process.on("unhandledRejection", (reason) => report(reason, "a promise was rejected and never handled"));
}
