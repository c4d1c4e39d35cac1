/** Helpers for the meta-tests that read `src/` as text. */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The `src/` folder of this repository. */
export const srcRoot = resolve(import.meta.dirname, "../../src");

/** Every `.ts` file below `dir`, depth first. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}
