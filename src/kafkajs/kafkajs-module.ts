/**
 * The simulated kafkajs 2.2.4: what a service gets from `import ... from "kafkajs"` inside
 * its sandbox. `kafkajsModule(port)` builds a fresh module object for one instance life (its
 * own Kafka class, event counter and CompressionCodecs registry), so nothing survives a
 * crash except what the world keeps.
 *
 * The client copies kafkajs's own code paths (runner.js, consumerGroup.js, offsetManager,
 * sendMessages.js, retry, partitioners, errors) and reaches the world only through the
 * port: every operation that takes time is a port call the simulator settles at a step of
 * its choosing, or never (kill -9). Timers and Math.random are the sandbox's virtual ones,
 * so retries, backoff, jitter, heartbeat throttling and auto-commit intervals replay.
 *
 * Simplifications, on purpose (each where kafkajs's machinery is moot in one simulated
 * cluster, or where the port says less than a broker):
 * - Brokers, SSL, SASL, timeouts, logCreator and logLevel are accepted and ignored; logs
 *   are discarded; no network events (REQUEST, REQUEST_TIMEOUT, ...) are ever emitted;
 *   events carry nodeId 0 and a string id (kafkajs's types say string).
 * - Producer: each partition is its own broker, so each partition's request is sent and
 *   retried on its own (kafkajs retries every partition of the failed leader with one
 *   retrier per send), and messages are partitioned once per send (kafkajs re-partitions
 *   on each retry). The send settles once every partition's request settled.
 * - Idempotent producer: sequences number requests per partition, not messages (the
 *   port's contract); a request keeps its number across retries and holds its partition's
 *   only in-flight slot until it succeeds or gives up (kafkajs releases its broker lock
 *   between retries and rolls the sequence back, so a later request could reuse an
 *   appended number). No producer-id handshake: the port knows the instance.
 * - `acks` 0 fires and forgets; -1 and 1 both wait for the port. `timeout` and
 *   `compression` are ignored; RecordMetadata has no logStartOffset. A header with several
 *   values is refused (the port carries one value per header name).
 * - Transactions (`producer.transaction()`), `consumer.describeGroup()` and every admin
 *   API that changes or describes the cluster are refused with a one-line error
 *   (`port.unsupported`), which stops the run.
 * - The world has one consumer group consuming one topic (`port.groupTopic`): subscribing
 *   to any other topic is refused; every admin groupId names that group. The assignment is
 *   the world's (partitionAssigners are ignored); join and sync are one port call.
 * - Fetch is one long poll that settles when records arrive (no empty fetch after
 *   maxWaitTimeInMs); `maxBytesPerPartition / 1024` is the record limit per partition
 *   (minBytes, maxBytes ignored). With nothing to fetch (all paused) the runner sleeps
 *   maxWaitTimeInMs, as kafkajs does.
 * - stop() and disconnect() do not wait for a pending long poll (kafkajs waits up to
 *   maxWaitTimeInMs); its batches are dropped when it settles.
 * - No metadata: NOT_LEADER_FOR_PARTITION / UNKNOWN_TOPIC_OR_PARTITION from a fetch rejoin
 *   at once (kafkajs refreshes metadata, then rejoins).
 * - OFFSET_OUT_OF_RANGE from a fetch resets every assigned position outside the
 *   partition's [low, high] to the default position, locally (kafkajs commits the default
 *   of the one partition its error names; the port's error names none).
 * - seek to -2 / -1 (earliest / latest) becomes the partition's low / high offset when the
 *   seek applies (kafkajs commits the special value and resolves it later).
 * - isStale() is also true once this member learned its generation is over (a rebalance
 *   error from any coordinator call, or a rejoin) after the batch was fetched; kafkajs
 *   reports only a pending seek, which cannot see a zombie's revoked partition.
 * - Admin: createTopics of existing topics answers false (kafkajs: all
 *   TOPIC_ALREADY_EXISTS), unknown names are refused; resetOffsets sets the concrete low /
 *   high offsets; setOffsets refused by the world (a member consumes) rejects with
 *   kafkajs's "must have no running instances" error; admin calls are not retried.
 * - Error classes: the ones a service can meet or name in a check (see below).
 */
import {
  KafkaJSAggregateError,
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSMetadataNotLoaded,
  KafkaJSNonRetriableError,
  KafkaJSNotImplemented,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSOffsetOutOfRange,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSTimeout,
} from "./errors.ts";
import { type KafkaClass, kafkaClass } from "./kafka.ts";
import { logLevel } from "./logger.ts";
import { Partitioners } from "./partitioners.ts";
import type { SimPort } from "./sim-port.ts";

/** kafkajs's CompressionTypes (compression itself is not simulated). */
export const CompressionTypes = { None: 0, GZIP: 1, Snappy: 2, LZ4: 3, ZSTD: 4 } as const;

/** The error classes the module exports, by their kafkajs names. */
const errorClasses = {
  KafkaJSError,
  KafkaJSNonRetriableError,
  KafkaJSProtocolError,
  KafkaJSOffsetOutOfRange,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSConnectionError,
  KafkaJSRequestTimeoutError,
  KafkaJSMetadataNotLoaded,
  KafkaJSNotImplemented,
  KafkaJSTimeout,
  KafkaJSAggregateError,
} as const;

/** The module object a service imports as "kafkajs" (`default` is the object itself, as for CommonJS kafkajs). */
export interface KafkajsModule extends Readonly<typeof errorClasses> {
  readonly Kafka: KafkaClass;
  readonly Partitioners: typeof Partitioners;
  readonly PartitionAssigners: { readonly roundRobin: () => { name: string; version: number } };
  readonly logLevel: typeof logLevel;
  readonly CompressionTypes: typeof CompressionTypes;
  readonly CompressionCodecs: Record<number, unknown>;
  readonly default: KafkajsModule;
}

/** A fresh simulated kafkajs module whose clients reach the world through `port`. */
export function kafkajsModule(port: SimPort): KafkajsModule {
  const ids = { next: 0 };
  const module = {
    ...errorClasses,
    Kafka: kafkaClass(port, ids),
    Partitioners,
    // The world assigns partitions; a service may still name kafkajs's assigner.
    PartitionAssigners: { roundRobin: () => ({ name: "RoundRobinAssigner", version: 0 }) },
    logLevel,
    CompressionTypes,
    CompressionCodecs: {},
  } as Omit<KafkajsModule, "default"> & { default?: KafkajsModule };
  module.default = module as KafkajsModule;
  return module as KafkajsModule;
}
