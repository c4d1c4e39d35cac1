/**
 * A second shrinking pass after fast-check's. fast-check shrinks the chained
 * (fault mix -> intents) value well at first but stops at local minima that still carry
 * no-op and irrelevant intents. This pass is delta debugging over the intent list: remove
 * chunks (halving the chunk size down to single intents), then lower `step` counts and zero
 * numeric fields and collapse ticks, keeping every change under which the schedule still
 * fails. Bounded by an attempt budget and an optional clock supplied by the caller, so it
 * always ends and always returns the best failing schedule found.
 */
import type { Intent, Schedule } from "./intent.ts";

/** Options of {@link minimizeSchedule}. */
export interface MinimizeOptions {
  /** Maximum number of candidate schedules to try. */
  readonly attemptsMax: number;
  /** Asked before every attempt; true stops the search and keeps the best schedule so far. */
  readonly outOfTime?: () => boolean;
}

function simplerVariants(intent: Intent): Intent[] {
  const out: Intent[] = [];
  if (intent.k === "step" && intent.count > 1) out.push({ ...intent, count: 1 }, { ...intent, count: intent.count - 1 });
  if (intent.k === "tick" && intent.ticks > 1) out.push({ ...intent, ticks: 1 }, { ...intent, ticks: intent.ticks >> 1 }, { ...intent, ticks: intent.ticks - 1 });
  // A produce intent's `kind` is left as it is: this pass does not know the scenario's mix,
  // and kind 0 may be one the mix never draws.
  for (const field of ["instance", "producer", "key", "partition", "draw", "index", "distance"] as const) {
    const value = (intent as Record<string, unknown>)[field];
    if (typeof value === "number" && value > 0) out.push({ ...intent, [field]: 0 } as Intent);
  }
  return out;
}

/** Shrink `schedule` while `fails` holds. `fails(schedule)` must be true on entry. */
export function minimizeSchedule(schedule: Schedule, fails: (candidate: Schedule) => boolean, options: MinimizeOptions): Schedule {
  let best = schedule;
  let attempts = 0;
  const attempt = (intents: readonly Intent[]): boolean => {
    if (attempts >= options.attemptsMax || options.outOfTime?.() === true) return false;
    attempts++;
    const candidate: Schedule = { ...best, intents };
    if (!fails(candidate)) return false;
    best = candidate;
    return true;
  };
  let changed = true;
  while (changed && attempts < options.attemptsMax) {
    changed = false;
    for (let chunk = Math.max(1, best.intents.length >> 1); chunk >= 1; chunk >>= 1) {
      for (let start = best.intents.length - chunk; start >= 0; start -= chunk) {
        const intents = best.intents;
        if (attempt([...intents.slice(0, start), ...intents.slice(start + chunk)])) changed = true;
      }
      if (chunk === 1) break;
    }
    for (let i = 0; i < best.intents.length; i++) {
      for (const variant of simplerVariants(best.intents[i])) {
        const intents = best.intents.slice();
        intents[i] = variant;
        if (attempt(intents)) {
          changed = true;
          break;
        }
      }
    }
  }
  return best;
}
