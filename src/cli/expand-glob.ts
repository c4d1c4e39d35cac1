/**
 * Glob patterns on the command line (`eosim run 'test/**\/*.scenario.ts'`), for shells and
 * CI steps that pass them quoted. Node 20 has no `fs.glob`, so this walks the folder before
 * the first wildcard segment and matches each file with Effect's `Glob` (`*`, `?`, `[...]`,
 * `{a,b}`, `**`). The walk skips `node_modules` and dot-folders, as shells and test runners
 * do, and results are sorted so a run's order never depends on the file system.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import * as Glob from "effect/Glob";

const wildcard = /[*?[\]{}]/;

/** Whether a command-line selector is a glob pattern rather than a name or a path. */
export function isGlob(selector: string): boolean {
  return wildcard.test(selector);
}

/** The folder to walk: the pattern's segments before the first one with a wildcard. */
function baseOf(pattern: string): string {
  const segments = pattern.split("/");
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isGlob(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === 0) return ".";
  return fixed.join("/") || "/";
}

/** Files under `dir`, as `/`-separated paths starting with `dir`. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = dir === "." ? entry.name : join(dir, entry.name).split("\\").join("/");
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The files matching `pattern`, sorted (none when its base folder does not exist). */
export function expandGlob(pattern: string): string[] {
  const normalized = pattern.split("\\").join("/").replace(/^(\.\/)+/, "");
  const base = baseOf(normalized);
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const glob = Glob.make(normalized);
  return walk(base).filter((path) => Glob.match(glob, path)).sort();
}
