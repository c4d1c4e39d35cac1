/**
 * The data shapes kafkajs 2.2.4 exchanges with services (types/index.d.ts), as the simulated
 * client produces and accepts them. They are declared here rather than imported so the
 * client depends on kafkajs for nothing; test/kafkajs/type-conformance.test.ts checks that
 * they stay assignable to kafkajs's own.
 */

/** Message headers: a value, or several values for one name. */
export interface IHeaders {
  [key: string]: Buffer | string | (Buffer | string)[] | undefined;
}

/** A message to produce. */
export interface Message {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  headers?: IHeaders;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp?: string;
}

/** A consumed message (kafkajs's RecordBatchEntry: record batches carry headers, not a size). */
export interface KafkaMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  attributes: number;
  offset: string;
  headers: IHeaders;
}

/** What `send` resolves to, one per partition written. */
export interface RecordMetadata {
  topicName: string;
  partition: number;
  errorCode: number;
  offset?: string;
  timestamp?: string;
  baseOffset?: string;
  logAppendTime?: string;
  logStartOffset?: string;
}

/** `producer.send`'s argument. */
export interface ProducerRecord {
  topic: string;
  messages: Message[];
  acks?: number;
  timeout?: number;
  compression?: number;
}

/** One topic's messages in a `sendBatch`. */
export interface TopicMessages {
  topic: string;
  messages: Message[];
}

/** `producer.sendBatch`'s argument. */
export interface ProducerBatch {
  acks?: number;
  timeout?: number;
  compression?: number;
  topicMessages?: TopicMessages[];
}

/** A partition as partitioners see it. */
export interface PartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

/** A partitioner's argument. */
export interface PartitionerArgs {
  topic: string;
  partitionMetadata: PartitionMetadata[];
  message: Message;
}

/** kafkajs's partitioner factory: each producer calls it once. */
export type ICustomPartitioner = () => (args: PartitionerArgs) => number;

/** A partition and an offset (decimal string). */
export interface PartitionOffset {
  partition: number;
  offset: string;
}

/** A topic's partitions and offsets. */
export interface TopicOffsets {
  topic: string;
  partitions: PartitionOffset[];
}

/** Offsets of several topics. */
export interface Offsets {
  topics: TopicOffsets[];
}

/** A topic and some of its partitions. */
export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** A topic, a partition and an offset (decimal string). */
export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** What `consumer.commitOffsets` takes per partition. */
export interface TopicPartitionOffsetAndMetadata extends TopicPartitionOffset {
  metadata?: string | null;
}
