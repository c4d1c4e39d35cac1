/**
 * Structural equality for the JSON-like values processors keep in state and send as outputs
 * (numbers, strings, booleans, null, arrays, plain objects). Key order does not matter.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // Own enumerable keys, counted on both sides, without building key lists: this runs for
  // every state key and output of every schedule.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let keys = 0;
  for (const key in ra) {
    if (!Object.hasOwn(ra, key)) continue;
    keys++;
    if (!Object.hasOwn(rb, key) || !sameValue(ra[key], rb[key])) return false;
  }
  for (const key in rb) if (Object.hasOwn(rb, key)) keys--;
  return keys === 0;
}

/** Compact text of a value for anomaly details. */
export function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
