/**
 * The user's processor threw. Reported as bad input (exit 2) naming the processor and the
 * input, never as a bug in eosim.
 */
export class ProcessorError extends Error {
  override readonly name = "ProcessorError";
}
