/**
 * The consumer's configuration and handler payloads, shaped as kafkajs 2.2.4 declares them
 * (types/index.d.ts); test/kafkajs/type-conformance.test.ts checks they stay assignable.
 */
import type { KafkaMessage, Offsets, TopicOffsets } from "./client-types.ts";
import type { RetryOptions } from "./retry.ts";

/** `kafka.consumer(...)`'s argument. */
export interface ConsumerConfig {
  groupId: string;
  partitionAssigners?: unknown[];
  metadataMaxAge?: number;
  sessionTimeout?: number;
  rebalanceTimeout?: number;
  heartbeatInterval?: number;
  maxBytesPerPartition?: number;
  minBytes?: number;
  maxBytes?: number;
  maxWaitTimeInMs?: number;
  retry?: RetryOptions & { restartOnFailure?: (err: Error) => Promise<boolean> };
  allowAutoTopicCreation?: boolean;
  maxInFlightRequests?: number;
  readUncommitted?: boolean;
  rackId?: string;
}

/** A fetched batch of one partition. */
export interface Batch {
  topic: string;
  partition: number;
  highWatermark: string;
  messages: KafkaMessage[];
  isEmpty(): boolean;
  firstOffset(): string | null;
  lastOffset(): string;
  offsetLag(): string;
  offsetLagLow(): string;
}

/** Offsets resolved and not yet committed. */
export interface OffsetsByTopicPartition {
  topics: TopicOffsets[];
}

/** What eachMessage receives. */
export interface EachMessagePayload {
  topic: string;
  partition: number;
  message: KafkaMessage;
  heartbeat(): Promise<void>;
  pause(): () => void;
}

/** What eachBatch receives. */
export interface EachBatchPayload {
  batch: Batch;
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  pause(): () => void;
  commitOffsetsIfNecessary(offsets?: Offsets): Promise<void>;
  uncommittedOffsets(): OffsetsByTopicPartition;
  isRunning(): boolean;
  isStale(): boolean;
}

/** `consumer.run(...)`'s argument. */
export interface ConsumerRunConfig {
  autoCommit?: boolean;
  autoCommitInterval?: number | null;
  autoCommitThreshold?: number | null;
  eachBatchAutoResolve?: boolean;
  partitionsConsumedConcurrently?: number;
  eachBatch?: (payload: EachBatchPayload) => Promise<void>;
  eachMessage?: (payload: EachMessagePayload) => Promise<void>;
}

/** `consumer.subscribe(...)`'s argument (one topic, deprecated in kafkajs, or several). */
export type ConsumerSubscription = { topic: string | RegExp; fromBeginning?: boolean } | { topics: (string | RegExp)[]; fromBeginning?: boolean };
