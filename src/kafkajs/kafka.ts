/**
 * kafkajs's `Kafka` client class, bound to one port: what `new Kafka({ brokers, ... })` gives
 * a service inside its sandbox. Brokers, SSL, SASL and timeouts are accepted and ignored
 * (the world is reached through the port); the config's `retry` is the default of every
 * producer, consumer and admin client it makes, as in kafkajs.
 */
import { type Admin, createAdmin } from "./admin.ts";
import { type Consumer, createConsumer } from "./consumer.ts";
import type { ConsumerConfig } from "./consumer-types.ts";
import type { EventIds } from "./instrumentation.ts";
import { type Logger, silentLogger } from "./logger.ts";
import { createProducer, type Producer, type ProducerConfig } from "./producer.ts";
import type { RetryOptions } from "./retry.ts";
import type { SimPort } from "./sim-port.ts";

/** kafkajs's KafkaConfig (everything but `retry` is accepted and ignored). */
export interface KafkaConfig {
  brokers: string[] | (() => string[] | Promise<string[]>);
  ssl?: unknown;
  sasl?: unknown;
  clientId?: string;
  connectionTimeout?: number;
  authenticationTimeout?: number;
  reauthenticationThreshold?: number;
  requestTimeout?: number;
  enforceRequestTimeout?: boolean;
  retry?: RetryOptions;
  socketFactory?: unknown;
  logLevel?: number;
  logCreator?: unknown;
}

/** The instance type of the bound Kafka class. */
export interface KafkaClient {
  producer(config?: ProducerConfig): Producer;
  consumer(config: ConsumerConfig): Consumer;
  admin(config?: { retry?: RetryOptions }): Admin;
  logger(): Logger;
}

/** The constructor a service calls as `new Kafka(config)`. */
export type KafkaClass = new (config: KafkaConfig) => KafkaClient;

/** A Kafka class whose clients reach the world through `port`. */
export function kafkaClass(port: SimPort, ids: EventIds): KafkaClass {
  return class Kafka implements KafkaClient {
    private readonly retry: RetryOptions | undefined;
    private readonly rootLogger = silentLogger();

    constructor(config: KafkaConfig) {
      this.retry = config?.retry;
    }

    producer(config: ProducerConfig = {}): Producer {
      return createProducer(port, ids, this.retry, config);
    }

    consumer(config: ConsumerConfig): Consumer {
      return createConsumer(port, ids, this.retry, config ?? ({} as ConsumerConfig));
    }

    admin(_config: { retry?: RetryOptions } = {}): Admin {
      return createAdmin(port, ids);
    }

    logger(): Logger {
      return this.rootLogger;
    }
  };
}
