/**
 * Log-start truncation: retention deletes the oldest input records of a partition, up to the
 * group's committed offset (data every consumer has confirmed). A runtime that resumes from
 * an offset below the new log start would skip to the next record that still exists.
 */
import type { Broker } from "../broker/broker.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import type { ConsumerGroup } from "../broker/consumer-group.ts";

/** Truncate input `partition` up to its committed offset; false when there is nothing to drop. */
export function truncateInput(broker: Broker, group: ConsumerGroup, partition: number): boolean {
  const committed = group.committedOffset(partition).offset;
  if (committed <= broker.startOffset(SendTarget.input, partition)) return false;
  broker.truncateInput(partition, committed);
  return true;
}
