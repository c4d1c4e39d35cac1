/**
 * A queue history: what clients saw of one topic, in the shape of the Jepsen queue workload.
 * Producers send values to partitions and learn where they landed; consumers poll batches of
 * records and may be rebalanced (losing their positions); after the run the final log of every
 * partition is read back. The queue-anomaly checker works only on this small, simulator-free
 * shape, so output topics and changelog topics can both be checked once translated into it.
 *
 * A value is a unique message identity (an output ID, or "changelog key@batch"): the same value
 * at two offsets is a duplicate, never two different messages.
 */

/** One operation on a topic partition, as a client saw it. */
export type QueueOp =
  | {
      readonly type: "send";
      /** The sender, e.g. "producer-0" or "instance-1". */
      readonly process: string;
      readonly partition: number;
      readonly value: string;
      /** Where the record landed, or null when it was not appended. */
      readonly offset: number | null;
      /** Whether the sender was told the send succeeded. */
      readonly acked: boolean;
      /** Position in the history / schedule step, for reporting. */
      readonly index: number;
    }
  | {
      readonly type: "poll";
      /** The consumer, e.g. "instance-1". */
      readonly process: string;
      readonly partition: number;
      /** The records returned, in the order the consumer received them. */
      readonly records: readonly { readonly offset: number; readonly value: string }[];
      readonly index: number;
    }
  | {
      /** The consumer lost its assignment and positions; its next polls may start anywhere. */
      readonly type: "rebalance";
      readonly process: string;
      readonly index: number;
    };

/** Everything clients saw of one topic, plus the final log read back after the run. */
export interface QueueHistory {
  readonly topic: string;
  /** Operations in the order they happened, including the polls of the final drain. */
  readonly ops: readonly QueueOp[];
  /** every record in the final log per partition (offset -> value) */
  readonly finalLog: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

/** A send operation of a queue history. */
export type SendOp = Extract<QueueOp, { type: "send" }>;

/** A poll operation of a queue history. */
export type PollOp = Extract<QueueOp, { type: "poll" }>;
