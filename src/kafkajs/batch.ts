/**
 * kafkajs 2.2.4's Batch (src/consumer/batch.js): the records one fetch gave one partition,
 * without those below the fetched offset. There are no control records or aborted
 * transactions here (no transactions), so kafkajs's further filtering never removes one.
 */
import type { KafkaMessage } from "./client-types.ts";
import type { Batch as BatchShape } from "./consumer-types.ts";
import { decodeRecord } from "./message-codec.ts";
import type { PortBatch } from "./sim-port.ts";

/** One partition's share of a fetch. */
export class Batch implements BatchShape {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly fetchedOffset: string;
  readonly messages: KafkaMessage[];
  private readonly rawCount: number;

  constructor(topic: string, fetchedOffset: number, data: PortBatch) {
    this.topic = topic;
    this.partition = data.partition;
    this.highWatermark = String(data.highWatermark);
    this.fetchedOffset = String(fetchedOffset);
    this.rawCount = data.records.length;
    this.messages = data.records.filter((record) => record.offset >= fetchedOffset).map(decodeRecord);
  }

  /** No messages to hand to the handler. */
  isEmpty(): boolean {
    return this.messages.length === 0;
  }

  /** The fetch returned records, all of them below the fetched offset. */
  isEmptyDueToFiltering(): boolean {
    return this.isEmpty() && this.rawCount > 0;
  }

  /** The first message's offset, or null. */
  firstOffset(): string | null {
    return this.isEmpty() ? null : this.messages[0].offset;
  }

  /** The last message's offset; for an empty batch what kafkajs gives (fetched offset or high watermark - 1). */
  lastOffset(): string {
    if (this.isEmptyDueToFiltering()) return this.fetchedOffset;
    if (this.isEmpty()) return String(Number(this.highWatermark) - 1);
    return this.messages[this.messages.length - 1].offset;
  }

  /** Lag after the last message of the batch. */
  offsetLag(): string {
    return String(Number(this.highWatermark) - 1 - Number(this.lastOffset()));
  }

  /** Lag after the first message of the batch. */
  offsetLagLow(): string {
    if (this.isEmpty()) return "0";
    return String(Number(this.highWatermark) - 1 - Number(this.firstOffset()));
  }
}
