/**
 * An order-independent 32-bit hash of a key/value state: the sum of one FNV-1a hash per
 * entry. Order-independent so the runtime's Map (insertion order depends on history) and the
 * reference model's Map hash the same when they hold the same entries, without sorting.
 */

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Hash of one entry. */
export function entryHash(key: string, value: unknown): number {
  return fnv(`${key}=${JSON.stringify(value)}`);
}

/** Hash of a whole state. */
export function stateHash(state: ReadonlyMap<string, unknown>): number {
  let sum = 0;
  for (const [key, value] of state) sum = (sum + entryHash(key, value)) >>> 0;
  return sum;
}
