import { oneLine, thrownMessage } from "../core/one-line.ts";

/**
 * The user's processor threw. Reported as bad input (exit 2) naming the processor and the
 * input, never as a bug in eosim.
 */
export class ProcessorError extends Error {
  override readonly name = "ProcessorError";
  constructor(message: string) {
    // Messages quote names, keys and thrown text from user code as they are: keep them one line.
    super(oneLine(message));
  }
}

const frozenWrite = /read only property|not extensible|Cannot add property|Cannot delete property|Cannot assign to read only/;

/**
 * What the user's code threw, as text for a one-line message (see `core/one-line.ts`), with
 * a hint when it is the write to a frozen value that `state.get()` returned.
 */
export function thrownText(error: unknown): string {
  const text = thrownMessage(error);
  return error instanceof TypeError && frozenWrite.test(text) ? `${text} (values from state.get() and input payloads are frozen: copy before changing, e.g. { ...value })` : text;
}
