/**
 * A non-idempotent upstream re-publishes an old event as a new message: same dedupe ID, new
 * offset, possibly far behind the head (a distance that may exceed a bounded dedupe window).
 */
import type { Producer } from "../broker/producer.ts";

/** Re-publish the event `producer` created `distance` events ago; false when there is none. */
export function republish(producer: Producer<unknown>, distance: number): boolean {
  return producer.republish(distance);
}
