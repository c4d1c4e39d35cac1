/**
 * Checking an output path before the work that fills it. A run can take minutes to hours;
 * an unwritable `--junit FILE` or `reports/repro/` found only at the end threw the run's
 * verdict away (the failure found was never printed, or exit 1 became 2). The check does what
 * a write will do (`write-file-atomic.ts`): it creates the folder, then creates and removes a
 * probe file in it. The folder is left in place, as the run will write there (and removing
 * it could race another run writing to the same folder).
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import { BadInputError } from "../scenario/bad-input.ts";

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** The nearest existing path at or above `folder`, when it is a file (so `folder` cannot be created), else null. */
function fileInTheWay(folder: string): string | null {
  for (let path = folder; ; path = dirname(path)) {
    if (existsSync(path)) return statSync(path).isDirectory() ? null : path;
    if (dirname(path) === path) return null;
  }
}

/** Why files cannot be created in `folder`, or null when they can. */
function folderProblem(folder: string): string | null {
  const file = fileInTheWay(folder);
  if (file !== null) return `${file} is a file, not a folder`;
  const probe = join(folder, `.eosim-probe-${process.pid}-${threadId}.tmp`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    return reasonOf(error);
  }
}

/**
 * Check that file `path` can be written; throws {@link BadInputError}
 * `<what>: cannot write <path> (<reason>)` when not, e.g. `--junit: cannot write x.xml (...)`.
 */
export function checkWritable(path: string, what: string): void {
  const problem = existsSync(path) && statSync(path).isDirectory() ? "it is a folder" : folderProblem(dirname(path));
  if (problem !== null) throw new BadInputError(`${what}: cannot write ${path} (${problem})`);
}

/**
 * Check that files can be written in `folder` (creating it); throws {@link BadInputError}
 * `<what>: cannot write to <folder>/ (<reason>)` when not.
 */
export function checkWritableFolder(folder: string, what: string): void {
  const problem = folderProblem(folder);
  if (problem !== null) throw new BadInputError(`${what}: cannot write to ${folder}/ (${problem})`);
}
