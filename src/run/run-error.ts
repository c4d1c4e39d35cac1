/**
 * An error that stopped a run (rather than a checker's verdict), and whose fault it is: the
 * user's processor or service (exit 2) or eosim itself (exit 4).
 */
import { PlainValueError } from "../core/plain-value.ts";
import { ProcessorError } from "../runtime/processor-error.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { ServiceError } from "../service/service-error.ts";
import { StuckError } from "../runtime/user-call.ts";

/** A harness or processor error raised while running a schedule. */
export interface RunError {
  /** "processor": the user's processor threw; "service": the user's service left the simulation (both exit 2). */
  readonly kind: "harness" | "processor" | "service";
  readonly message: string;
}

/** The {@link RunError} of what a schedule threw. */
export function runErrorOf(error: unknown): RunError {
  const message = error instanceof Error ? error.message : String(error);
  // Only errors that name the user's code are the user's: anything else thrown during a run
  // (a TypeError inside eosim, say) is eosim's bug, exit 4, not blamed on the processor.
  if (error instanceof ServiceError) return { kind: "service", message };
  if (error instanceof StuckError) return { kind: error.blame, message };
  if (error instanceof ProcessorError || error instanceof PlainValueError || error instanceof BadInputError) return { kind: "processor", message };
  return { kind: "harness", message };
}
