/**
 * Why a scenario file could not be loaded, in one line that keeps the location: a syntax
 * error reads as esbuild (through tsx) or V8 reports it, `file:line:column: message`
 * (esbuild's columns count from 0), and an error thrown while the file ran names the first
 * frame in the user's code. Paths are shown relative to the current folder.
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isError, safely, stackOf, thrownMessage } from "../core/one-line.ts";

/** A source location as esbuild reports it. */
interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A located message: where and what. */
interface Located {
  readonly location: Location;
  readonly text: string;
}

function shownPath(file: string): string {
  let path = file;
  if (path.startsWith("file://")) {
    try {
      path = fileURLToPath(path);
    } catch {
      return file;
    }
  }
  if (!isAbsolute(path)) return path;
  return relative(process.cwd(), path) || path;
}

const where = (l: Location) => `${shownPath(l.file)}:${l.line}:${l.column}`;

/** esbuild's structured errors (`errors[]` with `text` and `location`), when the error carries them. */
function esbuildErrors(error: object): Located[] {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: { text?: unknown; location?: { file?: unknown; line?: unknown; column?: unknown } | null }) => {
    const l = e?.location;
    if (typeof e?.text !== "string" || typeof l?.file !== "string" || typeof l.line !== "number" || typeof l.column !== "number") return [];
    return [{ location: { file: l.file, line: l.line, column: l.column }, text: e.text }];
  });
}

/** esbuild's errors as its message lists them ("Transform failed with 1 error:\nfile:4:24: ERROR: text"). */
function esbuildMessageErrors(message: string): Located[] {
  return message.split("\n").flatMap((line) => {
    const match = /^(.+):(\d+):(\d+): (?:ERROR|error): (.*)$/.exec(line.trim());
    return match === null ? [] : [{ location: { file: match[1], line: Number(match[2]), column: Number(match[3]) }, text: match[4] }];
  });
}

/** A V8 SyntaxError's location: its stack starts "file:line", the source line and a caret under the column. */
function v8SyntaxError(error: Error): Located[] {
  if (error.name !== "SyntaxError" || typeof error.stack !== "string") return [];
  const [head, , caret] = error.stack.split("\n");
  const match = /^(.+):(\d+)$/.exec(head ?? "");
  if (match === null) return [];
  const column = caret !== undefined && /^\s*\^+\s*$/.test(caret) ? caret.indexOf("^") : 0;
  return [{ location: { file: match[1], line: Number(match[2]), column }, text: error.message }];
}

// eosim's own code: its sources (run from its repository) or its build (installed).
const eosimRoot = fileURLToPath(new URL("../../", import.meta.url));
const eosimOwn = [join(eosimRoot, "src") + sep, join(eosimRoot, "dist") + sep, join(eosimRoot, "bin") + sep];

/** The first stack frame in the user's code (not Node's, not a package's, not eosim's), as "file:line:column". */
export function userFrame(error: Error): string | null {
  for (const line of (stackOf(error) ?? "").split("\n").slice(1)) {
    const match = /at (?:.*\()?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (match === null || match[1].startsWith("node:") || match[1].includes("/node_modules/")) continue;
    const file = match[1].startsWith("file://") ? fileURLToPath(match[1]) : match[1];
    if (eosimOwn.some((dir) => file.startsWith(dir))) continue;
    return `${shownPath(match[1])}:${match[2]}:${match[3]}`;
  }
  return null;
}

/**
 * The one-line reason scenario file `shown` (as the user named it) could not be loaded. A
 * syntax error in the file itself reads `file:line:column: message`; one in a module it imports
 * keeps the scenario file in front (`file: cannot load: other.ts:3:4: message`).
 */
export function loadErrorMessage(error: unknown, shown: string): string {
  if (!isError(error) || typeof safely(() => error.message, undefined) !== "string") return `${shown}: cannot load: ${thrownMessage(error)}`;
  const structured = esbuildErrors(error);
  const located = structured.length > 0 ? structured : [...esbuildMessageErrors(error.message), ...v8SyntaxError(error)];
  if (located.length > 0) {
    const [first] = located;
    const more = located.length > 1 ? ` (and ${located.length - 1} more error${located.length > 2 ? "s" : ""})` : "";
    const line = `${where(first.location)}: ${first.text}${more}`;
    return resolve(first.location.file.startsWith("file://") ? fileURLToPath(first.location.file) : first.location.file) === resolve(shown) ? line : `${shown}: cannot load: ${line}`;
  }
  const frame = userFrame(error);
  return `${shown}: cannot load: ${thrownMessage(error)}${frame === null ? "" : ` (at ${frame})`}`;
}
