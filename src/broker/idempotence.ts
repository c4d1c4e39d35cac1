/**
 * The idempotent producer, broker side (Kafka's producer id + per-partition sequence numbers).
 * The broker remembers, per producer and partition, the last sequence appended and the last
 * five batches. A retry of one of those five is acknowledged without appending again; a
 * sequence past the next expected one is refused (out of order: the sender must resend the
 * earlier one first); an older sequence beyond the window is refused as fenced (simplification:
 * Kafka reports this as a fatal producer error; the sender knows it was appended earlier).
 */
import { SendOutcome } from "./send-outcome.ts";

/** Batches remembered per producer and partition. */
export const idempotenceWindowBatches = 5;

/** What the broker does with a sequenced request. */
export type SequenceCheck = "append" | "duplicate" | "out-of-order" | "too-old";

export class IdempotenceTable {
  /** key producer*4096+partition -> last appended sequence */
  private readonly last = new Map<number, number>();

  /** Judge `sequence` from `producer` on `partition`. */
  check(producer: number, partition: number, sequence: number): SequenceCheck {
    const last = this.last.get(producer * 4096 + partition) ?? -1;
    if (sequence === last + 1) return "append";
    if (sequence > last + 1) return "out-of-order";
    return last - sequence < idempotenceWindowBatches ? "duplicate" : "too-old";
  }

  /** Record that `sequence` was appended. */
  appended(producer: number, partition: number, sequence: number): void {
    this.last.set(producer * 4096 + partition, sequence);
  }
}

/** The outcome a sender sees for a check that did not append. */
export function outcomeOf(check: Exclude<SequenceCheck, "append">): SendOutcome {
  if (check === "duplicate") return SendOutcome.acked;
  return check === "out-of-order" ? SendOutcome.notAppended : SendOutcome.fenced;
}
