/**
 * Where a repro file's scenario file may be. A replay imports that file as code, and a repro
 * file can come from anywhere (a CI artifact, a bug report), so it may only name a scenario
 * file inside the project: a relative path that stays inside the project root, also once
 * symbolic links are followed. Absolute paths, `..` escapes and links out of the project are
 * refused before anything is imported.
 */
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve, sep, win32 } from "node:path";
import { BadInputError } from "../scenario/bad-input.ts";

function outside(reproPath: string, file: string): BadInputError {
  return new BadInputError(`${reproPath}: scenarioFile ${JSON.stringify(file)} is outside the project; repro files may only name scenario files inside it`);
}

/** Whether absolute path `path` is `root` or inside it. */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Refuse a `scenarioFile` that is absolute (in POSIX or Windows form) or climbs out of the
 * folder it is relative to; throws {@link BadInputError} naming `reproPath`.
 */
export function checkScenarioFilePath(file: string, reproPath: string): void {
  const normal = posix.normalize(file.split("\\").join("/"));
  if (posix.isAbsolute(file) || win32.isAbsolute(file) || normal === ".." || normal.startsWith("../")) throw outside(reproPath, file);
}

/**
 * The places `file` may be, inside one of the project `roots` (absolute): relative to a
 * root, as repro files record it, or to the current folder, as files written before that
 * rule did. Throws {@link BadInputError} when none is inside a root, or when an existing one
 * is a link to a place outside every root.
 */
export function scenarioFileCandidates(file: string, roots: readonly string[], reproPath: string): string[] {
  checkScenarioFilePath(file, reproPath);
  const inside = [...new Set([...roots.map((root) => join(root, file)), resolve(file)])].filter((candidate) => roots.some((root) => isInside(candidate, root)));
  if (inside.length === 0) throw outside(reproPath, file);
  const realRoots = roots.filter(existsSync).map((root) => realpathSync(root));
  for (const candidate of inside) {
    if (existsSync(candidate) && !realRoots.some((root) => isInside(realpathSync(candidate), root))) throw outside(reproPath, file);
  }
  return inside;
}
