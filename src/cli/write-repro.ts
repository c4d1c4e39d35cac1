/**
 * Writing a failure's repro file from a command. The folder is checked before the run
 * (`report/check-writable.ts`), but may be gone by the time a failure is found; losing the
 * repro must not lose the failure, so the write's error is a warning, not the run's end.
 */
import { type Repro, writeRepro } from "../report/repro-file.ts";

/**
 * Write `repro` to `path` and return the path; when that fails, say so on stderr
 * (`repro: not written (reason)`) and return null: the failure is then reported without a
 * repro path and keeps its exit code.
 */
export function writeReproOrWarn(path: string, repro: Repro): string | null {
  try {
    writeRepro(path, repro);
    return path;
  } catch (error) {
    console.error(`eosim: scenario "${repro.scenario}": repro: not written (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return null;
  }
}
