import { oneLine } from "../core/one-line.ts";

/**
 * The user's service broke a rule of the simulation (real I/O, a promise nothing settles, a
 * synchronous loop past the budget, an unsupported API, a module that cannot load). Reported
 * as one line naming the instance and the step, exit 2, never as a bug in eosim and never as
 * a pass.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(message: string) {
    // Messages quote names, keys and thrown text from user code as they are: keep them one line.
    super(oneLine(message));
  }
}

/** The first line of what user code threw or rejected with (an Error's message, or the value). */
export function messageOf(error: unknown): string {
  const text = error instanceof Error || (typeof error === "object" && error !== null && "message" in error) ? String((error as Error).message) : String(error);
  return text.split("\n")[0];
}
