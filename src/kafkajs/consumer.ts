/**
 * kafkajs 2.2.4's consumer (src/consumer/index.js) over the port: subscribe, run, stop,
 * commitOffsets, seek, pause/resume and events; on a crash it disconnects, emits CRASH and,
 * when the error is retriable and restartOnFailure agrees, starts again after the retry time.
 *
 * The world has one consumer group consuming one topic (`port.groupTopic`); subscribing to
 * any other topic is refused with a one-line error naming both.
 */
import type { TopicPartitionOffset, TopicPartitionOffsetAndMetadata, TopicPartitions } from "./client-types.ts";
import { ConsumerGroup } from "./consumer-group.ts";
import type { ConsumerConfig, ConsumerRunConfig, ConsumerSubscription } from "./consumer-types.ts";
import { KafkaJSNonRetriableError } from "./errors.ts";
import { consumerEvents, type EventIds, type EventListener, InstrumentationEmitter, onEvent } from "./instrumentation.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { createRetry, type RetryOptions, retryDefaults } from "./retry.ts";
import { Runner } from "./runner.ts";
import type { SimPort } from "./sim-port.ts";
import { subscribedTopics } from "./subscribe-topics.ts";

/** The consumer a service gets from `kafka.consumer(...)`. */
export interface Consumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: ConsumerSubscription): Promise<void>;
  stop(): Promise<void>;
  run(config?: ConsumerRunConfig): Promise<void>;
  commitOffsets(topicPartitions: TopicPartitionOffsetAndMetadata[]): Promise<void>;
  seek(topicPartitionOffset: TopicPartitionOffset): void;
  describeGroup(): Promise<never>;
  pause(topics: Array<{ topic: string; partitions?: number[] }>): void;
  paused(): TopicPartitions[];
  resume(topics: Array<{ topic: string; partitions?: number[] }>): void;
  on(eventName: string, listener: EventListener): () => void;
  logger(): Logger;
  readonly events: typeof consumerEvents;
}

/** A record of kilobyte-sized messages: how maxBytesPerPartition becomes a record count per fetch. */
const assumedRecordBytes = 1024;

function notInitialized(): KafkaJSNonRetriableError {
  return new KafkaJSNonRetriableError("Consumer group was not initialized, consumer#run must be called first");
}

function validatePartitions(list: Array<{ topic: string; partitions?: number[] }>): void {
  for (const tp of list) {
    if (!tp || !tp.topic) throw new KafkaJSNonRetriableError(`Invalid topic ${String((tp && tp.topic) || tp)}`);
    if (tp.partitions !== undefined && (!Array.isArray(tp.partitions) || tp.partitions.some((p) => Number.isNaN(Number(p))))) {
      throw new KafkaJSNonRetriableError(`Array of valid partitions required to pause specific partitions instead of ${String(tp.partitions)}`);
    }
  }
}

/** Build a consumer; `clusterRetry` is the Kafka config's `retry`, which the consumer's own overrides. */
export function createConsumer(port: SimPort, ids: EventIds, clusterRetry: RetryOptions | undefined, config: ConsumerConfig): Consumer {
  const { groupId, sessionTimeout = 30_000, heartbeatInterval = 3000, maxWaitTimeInMs = 5000, maxBytesPerPartition = 1_048_576 } = config;
  if (!groupId) throw new KafkaJSNonRetriableError("Consumer groupId must be a non-empty string.");
  if (heartbeatInterval >= sessionTimeout) {
    throw new KafkaJSNonRetriableError(
      `Consumer heartbeatInterval (${heartbeatInterval}) must be lower than sessionTimeout (${sessionTimeout}). It is recommended to set heartbeatInterval to approximately a third of the sessionTimeout.`,
    );
  }
  const retry: ConsumerConfig["retry"] = { ...clusterRetry, ...(config.retry ?? { retries: 5 }) };
  const emitter = new InstrumentationEmitter(ids, () => Date.now());
  const logger = silentLogger();
  const topics = new Map<string, { fromBeginning: boolean }>();
  let runner: Runner | null = null;
  let group: ConsumerGroup | null = null;
  let restartTimeout: ReturnType<typeof setTimeout> | undefined;
  let stopping: Promise<void> | null = null;

  const stop = (): Promise<void> => {
    // kafkajs shares one stop between concurrent callers.
    stopping ??= (async () => {
      if (runner) {
        await runner.stop();
        runner = null;
        group = null;
        emitter.emit(consumerEvents.STOP);
      }
      clearTimeout(restartTimeout);
    })().finally(() => {
      stopping = null;
    });
    return stopping;
  };

  const disconnect = async (): Promise<void> => {
    await stop();
    emitter.emit(consumerEvents.DISCONNECT);
  };

  const run = async ({
    autoCommit = true,
    autoCommitInterval = null,
    autoCommitThreshold = null,
    eachBatchAutoResolve = true,
    partitionsConsumedConcurrently = 1,
    eachBatch = undefined,
    eachMessage = undefined,
  }: ConsumerRunConfig = {}): Promise<void> => {
    if (group) return;
    const fromBeginning = topics.get(port.groupTopic)?.fromBeginning;
    if (fromBeginning === undefined) {
      throw port.unsupported(`consumer.run: the consumer subscribed to no topic; eosim's group consumes "${port.groupTopic}"`);
    }
    const start = async (onCrash: (e: Error) => void): Promise<void> => {
      group = new ConsumerGroup({
        port,
        emitter,
        retrier: createRetry(retry),
        groupId,
        fromBeginning,
        autoCommit,
        autoCommitInterval,
        autoCommitThreshold,
        maxWaitTimeInMs,
        maxRecordsPerPartition: Math.max(1, Math.floor(maxBytesPerPartition / assumedRecordBytes)),
      });
      runner = new Runner({
        groupId,
        group,
        emitter,
        retrier: createRetry(retry),
        heartbeatInterval,
        autoCommit,
        eachBatchAutoResolve,
        concurrency: partitionsConsumedConcurrently,
        eachBatch: eachBatch ?? null,
        eachMessage: eachMessage ?? null,
        onCrash,
      });
      await runner.start();
    };
    const onCrash = async (e: Error): Promise<void> => {
      await disconnect();
      const shouldRestart = isRetriableCrash(e) && (await restartOnFailure(retry, e));
      emitter.emit(consumerEvents.CRASH, { error: e, groupId, restart: shouldRestart });
      if (shouldRestart) {
        const retryTime = (e as { retryTime?: number }).retryTime || retry.initialRetryTime || retryDefaults.initialRetryTime;
        restartTimeout = setTimeout(() => void start(onCrash), retryTime);
      }
    };
    await start(onCrash);
  };

  const commitOffsets = async (topicPartitions: TopicPartitionOffsetAndMetadata[] = []): Promise<void> => {
    const partitions = topicPartitions.map(({ topic, partition, offset, metadata = null }) => {
      if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
      if (Number.isNaN(Number(partition))) throw new KafkaJSNonRetriableError(`Invalid partition, expected a number received ${partition}`);
      const value = Number(offset);
      if (!Number.isInteger(value)) throw new KafkaJSNonRetriableError(`Invalid offset, expected a long received ${offset}`);
      if (value < 0) throw new KafkaJSNonRetriableError("Offset must not be a negative number");
      if (metadata !== null && typeof metadata !== "string") {
        throw new KafkaJSNonRetriableError(`Invalid offset metadata, expected string or null, received ${String(metadata)}`);
      }
      if (topic !== port.groupTopic) {
        throw port.unsupported(`consumer.commitOffsets: eosim's group commits offsets of "${port.groupTopic}" only, not of "${topic}"`);
      }
      return { partition, offset: String(value) };
    });
    if (!group || !runner) throw notInitialized();
    return runner.commitOffsets({ topics: partitions.length > 0 ? [{ topic: port.groupTopic, partitions }] : [] });
  };

  const seek = ({ topic, partition, offset }: TopicPartitionOffset): void => {
    if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
    if (Number.isNaN(Number(partition))) throw new KafkaJSNonRetriableError(`Invalid partition, expected a number received ${partition}`);
    const value = Number(offset);
    if (!Number.isInteger(value)) throw new KafkaJSNonRetriableError(`Invalid offset, expected a long received ${offset}`);
    if (value < 0 && value !== -1 && value !== -2) throw new KafkaJSNonRetriableError("Offset must not be a negative number");
    if (!group) throw notInitialized();
    // A seek of another topic is remembered by kafkajs and never applies (never assigned).
    if (topic === port.groupTopic) group.seek(partition, value);
  };

  const pauseOrResume = (list: Array<{ topic: string; partitions?: number[] }>, pause: boolean): void => {
    validatePartitions(list);
    if (!group) throw notInitialized();
    for (const { topic, partitions } of list) {
      if (topic !== port.groupTopic) continue;
      if (pause) group.pause(partitions);
      else group.resume(partitions);
    }
  };

  return {
    connect: async () => {
      emitter.emit(consumerEvents.CONNECT);
    },
    disconnect,
    subscribe: async (subscription) => {
      if (group) throw new KafkaJSNonRetriableError("Cannot subscribe to topic while consumer is running");
      const { fromBeginning = false } = subscription;
      for (const topic of subscribedTopics(port, subscription)) topics.set(topic, { fromBeginning });
    },
    stop,
    run,
    commitOffsets,
    seek,
    describeGroup: () => {
      throw port.unsupported("consumer.describeGroup: not simulated in eosim's kafkajs");
    },
    pause: (list) => pauseOrResume(list, true),
    paused: () => {
      const partitions = group?.paused() ?? [];
      return partitions.length > 0 ? [{ topic: port.groupTopic, partitions }] : [];
    },
    resume: (list) => pauseOrResume(list, false),
    on: (eventName, listener) => onEvent(emitter, consumerEvents, "consumer", eventName, listener),
    logger: () => logger,
    events: consumerEvents,
  };
}

/** kafkajs restarts after a retriable crash: retries ran out, or the root cause is retriable. */
function isRetriableCrash(e: Error): boolean {
  let cause: unknown = e;
  while ((cause as { cause?: unknown }).cause) cause = (cause as { cause?: unknown }).cause;
  return e.name === "KafkaJSNumberOfRetriesExceeded" || (cause as { retriable?: unknown }).retriable === true;
}

/** The service's restartOnFailure decides; when it throws, kafkajs restarts. */
async function restartOnFailure(retry: ConsumerConfig["retry"], e: Error): Promise<boolean> {
  if (!retry || !retry.restartOnFailure) return true;
  return retry.restartOnFailure(e).catch(() => true);
}
