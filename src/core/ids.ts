/**
 * Identifier formats. Dedupe IDs are assigned by producers and kept on every retry; output
 * IDs derive from the input's dedupe ID, so a re-sent output carries the same ID and a
 * consumer can drop the duplicate (effectively-once outputs).
 */

/** The dedupe ID of the `seq`-th event of producer `producer`. */
export function dedupeIdOf(producer: number, seq: number): string {
  return `p${producer}-${seq}`;
}

/** The deterministic ID of the `index`-th output caused by the input with `dedupeId`. */
export function outputIdOf(dedupeId: string, index: number): string {
  return `${dedupeId}/o${index}`;
}
