/**
 * Virtual wall-clock time as a service sees it. The world's clock counts ticks (one per
 * intent or drain round); a service measures time in milliseconds, so a tick is one virtual
 * second from a fixed origin: session timeouts, retry backoffs and `Date.now()` differences
 * replay exactly, and a backoff shorter than a second waits for the next tick.
 */

/** Virtual ms per world tick. */
export const msPerTick = 1000;

/** Virtual `Date.now()` at tick 0 (2023-11-14T22:13:20Z). */
export const epochMs = 1_700_000_000_000;

/** Virtual ms at tick `ticks`. */
export function msAt(ticks: number): number {
  return epochMs + ticks * msPerTick;
}
