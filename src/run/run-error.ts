/**
 * An error that stopped a run (rather than a checker's verdict), and whose fault it is: the
 * user's processor or service (exit 2) or eosim itself (exit 4).
 */
import { thrownMessage } from "../core/one-line.ts";
import { PlainValueError } from "../core/plain-value.ts";
import { ProcessorError } from "../runtime/processor-error.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { ServiceError } from "../service/service-error.ts";
import { StuckError } from "../runtime/user-call.ts";
import type { Schedule } from "../schedule/intent.ts";
import { NondeterminismError } from "./determinism.ts";

/** A harness or processor error raised while running a schedule. */
export interface RunError {
  /**
   * "processor": the user's processor threw or never returned; "service": the user's service
   * left the simulation; "nondeterminism": a schedule differed from itself on re-run (all
   * three exit 2). "harness": a bug in eosim (exit 4).
   */
  readonly kind: "harness" | "processor" | "service" | "nondeterminism";
  readonly message: string;
  /** The schedule that raised it, when the run stopped there unshrunk (for the repro file). */
  readonly schedule?: Schedule;
  /** Its position in the run (0-based): fast-check's path to regenerate it from the run's seed. */
  readonly run?: number;
}

/** The user's code threw `error` on `schedule` (run `run` of the run, 0-based): kept with it for the repro file. */
export class ScheduleThrew extends Error {
  override readonly name = "ScheduleThrew";
  constructor(
    readonly thrown: ProcessorError | PlainValueError,
    readonly schedule: Schedule,
    readonly run: number,
  ) {
    super(thrown.message);
  }
}

/** The {@link RunError} of what a schedule threw. */
export function runErrorOf(error: unknown): RunError {
  if (error instanceof ScheduleThrew) return { ...runErrorOf(error.thrown), schedule: error.schedule, run: error.run };
  const message = thrownMessage(error);
  // Only errors that name the user's code are the user's: anything else thrown during a run
  // (a TypeError inside eosim, say) is eosim's bug, exit 4, not blamed on the processor.
  if (error instanceof ServiceError) return { kind: "service", message };
  if (error instanceof StuckError) return { kind: error.blame, message };
  if (error instanceof NondeterminismError) return { kind: "nondeterminism", message, ...(error.schedule === undefined ? {} : { schedule: error.schedule, run: error.run }) };
  if (error instanceof ProcessorError || error instanceof PlainValueError || error instanceof BadInputError) return { kind: "processor", message };
  return { kind: "harness", message };
}
