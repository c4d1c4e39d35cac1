/**
 * Writing a report file whole or not at all. Every file eosim writes for others to read
 * (repro files, JUnit XML, the benchmark's JSON) is written to a temporary file in the same
 * folder and renamed into place: a rename within one file system replaces the name in one
 * step, so a reader (a CI step, an artifact upload, a replay started while a run still
 * writes) sees the previous file or the new one, never a half-written one, and a write that
 * fails leaves the previous file as it was. Not fsynced: this is about readers, not about
 * surviving a power cut.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { threadId } from "node:worker_threads";

/** The temporary file a write of `path` goes through: unique per process and thread. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}-${threadId}.tmp`;
}

/** Write `text` to `path` (creating its folder) through a temporary file renamed into place; throws what the file system threw. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    // Only a file: the temporary path may be something else that this write did not create.
    try {
      rmSync(temp, { force: true });
    } catch {
      // The original error says what went wrong.
    }
    throw error;
  }
}
