/**
 * Harness-bug assertions.
 *
 * A failed `invariant()` means eosim itself is wrong (a broken model of the broker or the
 * store, an impossible state), never that the service under test misbehaved: those are
 * checker verdicts. Keeping the two apart is what lets the CLI map a thrown
 * {@link HarnessError} to exit code 4 ("please file a bug") instead of a test failure.
 */

/** Thrown when eosim's own model breaks one of its invariants. */
export class HarnessError extends Error {
  override readonly name = "HarnessError";
}

/** Crash loudly when `condition` is false: the simulator reached a state it must never reach. */
export function invariant(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) {
    throw new HarnessError(typeof message === "string" ? message : message());
  }
}
