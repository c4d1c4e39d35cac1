/**
 * The project root: the nearest folder, from the current one upwards, that holds both a
 * `package.json` and a `scenarios/` folder. `eosim replay` finds scenarios from it, so it
 * works from any subfolder, and repro files name scenario files relative to it.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The default folder of scenario files, in the project root. */
export const scenariosDir = "scenarios";

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** The nearest folder upwards from `from` with `package.json` and `scenarios/`, or null. */
export function findProjectRoot(from: string = process.cwd()): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "package.json")) && isFolder(join(dir, scenariosDir))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `file` (relative to the current folder, or absolute) relative to `root`, with `/` separators. */
export function relativeToRoot(file: string, root: string): string {
  return relative(root, resolve(file)).split("\\").join("/");
}
