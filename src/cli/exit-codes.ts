/**
 * Process exit codes, a contract CI scripts build on: keep them.
 */
export const ExitCode = {
  /** Every scenario met its expectation. */
  ok: 0,
  /** A safety failure (or an expected failure that was not found). */
  safety: 1,
  /** Bad input: arguments, scenario files, repro files. */
  badInput: 2,
  /** A liveness failure: the drain did not converge. */
  liveness: 3,
  /** A bug in eosim itself. */
  harness: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
