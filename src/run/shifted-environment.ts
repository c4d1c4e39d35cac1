/**
 * A processor's call run under a clock and a randomness that are not the real ones: one of
 * two environments, apart by a day, an hour, a minute, a second and a millisecond (so that a
 * clock read through any unit, or its parity, differs) and drawing `Math.random` from two
 * different seeds. The stability check (`processor-stability.ts`) asks the processor about one
 * input once under each, so a processor whose answer depends on the clock or on real
 * randomness answers differently every time, not only when the real clock happened to tick
 * between two calls: a processor answering `Date.now() % 2` agreed with itself within one
 * millisecond, and its run was reported as a safety failure instead of non-determinism.
 *
 * Only on the failure path, one call at a time on the main thread: `Date`, `Date.now`,
 * `performance.now` and `Math.random` are the real ones again when the call returns or throws.
 * (A user's service runs in a sandbox whose clock and randomness are virtual already.)
 */
import seedrandom from "seedrandom";

/** How far the second environment's clock is from the first, in ms: 1 d + 1 h + 1 min + 1 s + 1 ms. */
export const environmentShiftMs = 86_400_000 + 3_600_000 + 60_000 + 1_000 + 1;

/** A `Date` whose argument-less forms read `now()`; dates built from arguments are real ones. */
function dateAt(now: () => number): DateConstructor {
  const RealDate = Date;
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  return ShiftedDate as unknown as DateConstructor;
}

/**
 * `call()` under environment `which` (0 or 1) of a pair whose clock starts at `originMs`. The
 * clock stands still during the call: a processor that reads it twice sees one instant.
 */
export function underEnvironment<T>(which: 0 | 1, originMs: number, call: () => T): T {
  const realDate = globalThis.Date;
  const realRandom = Math.random;
  const realPerformanceNow = performance.now;
  const now = originMs + which * environmentShiftMs;
  const random = seedrandom.alea(`eosim/stability/${which}`);
  globalThis.Date = dateAt(() => now);
  Math.random = () => random();
  performance.now = () => now - originMs;
  try {
    return call();
  } finally {
    globalThis.Date = realDate;
    Math.random = realRandom;
    performance.now = realPerformanceNow;
  }
}
