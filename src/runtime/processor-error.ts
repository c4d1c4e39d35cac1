/**
 * The user's processor threw. Reported as bad input (exit 2) naming the processor and the
 * input, never as a bug in eosim.
 */
export class ProcessorError extends Error {
  override readonly name = "ProcessorError";
}

const frozenWrite = /read only property|not extensible|Cannot add property|Cannot delete property|Cannot assign to read only/;

/**
 * What the user's code threw, as text for a one-line message: an Error's message (with a
 * hint when it is the write to a frozen value that `state.get()` returned), a string as is,
 * anything else as JSON rather than "[object Object]".
 */
export function thrownText(error: unknown): string {
  if (error instanceof Error) {
    const hint = error instanceof TypeError && frozenWrite.test(error.message) ? " (values from state.get() and input payloads are frozen: copy before changing, e.g. { ...value })" : "";
    return `${error.message.split("\n")[0]}${hint}`;
  }
  if (typeof error === "string") return error;
  let json: string | undefined;
  try {
    json = JSON.stringify(error);
  } catch {
    json = undefined;
  }
  return `threw ${error === null ? "null" : `${/^[aeiou]/.test(typeof error) ? "an" : "a"} ${typeof error}`}, not an Error: ${json === undefined ? String(error) : json.length > 80 ? `${json.slice(0, 77)}...` : json}`;
}
