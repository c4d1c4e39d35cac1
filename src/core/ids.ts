/**
 * Identifier formats. Dedupe IDs are assigned by producers and kept on every retry; output
 * IDs derive from the input's dedupe ID, so a re-sent output carries the same ID and a
 * consumer can drop the duplicate (effectively-once outputs). {@link contentDedupeIdOf} is the
 * wrong way to name an event, kept for the planted bug that uses it.
 */

/** The dedupe ID of the `seq`-th event of producer `producer`. */
export function dedupeIdOf(producer: number, seq: number): string {
  return `p${producer}-${seq}`;
}

/** The deterministic ID of the `index`-th output caused by the input with `dedupeId`. */
export function outputIdOf(dedupeId: string, index: number): string {
  return `${dedupeId}/o${index}`;
}

/**
 * A dedupe ID computed from an event's content, its key and payload, as a consumer computes
 * one when it consumes the event: a retry of the event gets the same ID, but so does a second
 * legitimate event that happens to be equal (two deposits of 2 to one account). The planted
 * bug `dedupe-by-content` deduplicates by it. Object keys are sorted, so two payloads with
 * the same entries get the same ID whatever order their keys were written in.
 */
export function contentDedupeIdOf(key: string, payload: unknown): string {
  return `c:${JSON.stringify(key)}:${stableJson(payload)}`;
}

/** JSON text of a plain value with object keys in sorted order. */
function stableJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}
