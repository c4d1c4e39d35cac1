/**
 * Structural equality for the JSON-like values processors keep in state and send as outputs
 * (numbers, strings, booleans, null, arrays, plain objects). Key order does not matter.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Compact text of a value for anomaly details. */
export function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
