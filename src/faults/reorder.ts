/**
 * Out-of-order retries: a producer with several sends in flight retries a later one first,
 * so events land in a different order than they were created (and, with the idempotent
 * producer on, the broker refuses the out-of-order one until the earlier one lands).
 */
import type { Producer } from "../broker/producer.ts";

/** Retry pending send `index` of `producer` (0 = oldest); false when nothing is pending. */
export function retryOutOfOrder(producer: Producer<unknown>, index: number): boolean {
  return producer.retry(index);
}
