/**
 * kafkajs 2.2.4's producer (src/producer/index.js) over the port: connect, send, sendBatch,
 * events. Transactions are refused loudly: exactly-once in eosim comes from dedupe IDs and
 * local store transactions, and a transactional path that silently did something else would
 * test the wrong thing.
 */
import type { ICustomPartitioner, ProducerBatch, ProducerRecord, RecordMetadata } from "./client-types.ts";
import { KafkaJSError, KafkaJSNonRetriableError } from "./errors.ts";
import { type EventIds, type EventListener, InstrumentationEmitter, onEvent, producerEvents } from "./instrumentation.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { Partitioners } from "./partitioners.ts";
import { createRetry, type RetryOptions } from "./retry.ts";
import { sendMessages, validateBatch } from "./send-messages.ts";
import type { SimPort } from "./sim-port.ts";

/** kafkajs's ProducerConfig. */
export interface ProducerConfig {
  createPartitioner?: ICustomPartitioner;
  retry?: RetryOptions;
  metadataMaxAge?: number;
  allowAutoTopicCreation?: boolean;
  idempotent?: boolean;
  transactionalId?: string;
  transactionTimeout?: number;
  maxInFlightRequests?: number;
}

/** The producer a service gets from `kafka.producer()`. */
export interface Producer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isIdempotent(): boolean;
  readonly events: typeof producerEvents;
  on(eventName: string, listener: EventListener): () => void;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
  transaction(): Promise<never>;
  logger(): Logger;
}

type ConnectionStatus = "connected" | "disconnecting" | "disconnected";

/** Build a producer; `clusterRetry` is the Kafka config's `retry`, which the producer's own overrides. */
export function createProducer(port: SimPort, ids: EventIds, clusterRetry: RetryOptions | undefined, config: ProducerConfig = {}): Producer {
  const { createPartitioner = Partitioners.DefaultPartitioner, idempotent = false, maxInFlightRequests } = config;
  // kafkajs merges `{ ...cluster retry, ...producer retry }`, so retries default to 5 even when idempotent.
  const retry: RetryOptions = { ...clusterRetry, ...config.retry };
  if (idempotent && retry.retries !== undefined && retry.retries < 1) {
    throw new KafkaJSNonRetriableError("Idempotent producer must allow retries to protect against transient errors");
  }
  const emitter = new InstrumentationEmitter(ids, () => Date.now());
  const ctx = {
    port,
    idempotent,
    retrier: createRetry(retry),
    partitioner: createPartitioner(),
    maxInFlightRequests: maxInFlightRequests ?? Number.POSITIVE_INFINITY,
    sequences: new Map<string, number>(),
    slots: new Map(),
  };
  const logger = silentLogger();
  let status: ConnectionStatus = "disconnected";

  const sendBatch = async ({ acks = -1, topicMessages = [] }: ProducerBatch): Promise<RecordMetadata[]> => {
    validateBatch(idempotent, acks, topicMessages);
    if (status === "disconnecting") {
      throw new KafkaJSNonRetriableError("The producer is disconnecting; therefore, it can't safely accept messages anymore");
    }
    if (status === "disconnected") throw new KafkaJSError("The producer is disconnected");
    return sendMessages(ctx, acks, topicMessages);
  };

  return {
    connect: async () => {
      status = "connected";
      emitter.emit(producerEvents.CONNECT);
    },
    disconnect: async () => {
      status = "disconnecting";
      status = "disconnected";
      emitter.emit(producerEvents.DISCONNECT);
    },
    isIdempotent: () => idempotent,
    events: producerEvents,
    on: (eventName, listener) => onEvent(emitter, producerEvents, "producer", eventName, listener),
    send: ({ acks, timeout, compression, topic, messages }) => sendBatch({ acks, timeout, compression, topicMessages: [{ topic, messages }] }),
    sendBatch,
    transaction: () => {
      throw port.unsupported(
        "producer.transaction: transactions are out of scope in eosim's simulated kafkajs (exactly-once here comes from dedupe IDs and local store transactions)",
      );
    },
    logger: () => logger,
  };
}
