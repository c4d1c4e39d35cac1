/**
 * kafkajs's instrumentation events (src/instrumentation/): `on(name, listener)` registers a
 * listener and returns its remover; an event is `{ id, type, timestamp, payload }` and is
 * built only when someone listens. Listeners run synchronously inside `emit`, as with
 * kafkajs's EventEmitter, and a listener's rejected promise is swallowed (kafkajs logs it).
 */
import { KafkaJSNonRetriableError } from "./errors.ts";

/** An event as listeners receive it (kafkajs types `id` as a string). */
export interface InstrumentationEvent<T> {
  id: string;
  type: string;
  timestamp: number;
  payload: T;
}

/** A listener of events of any payload. */
export type EventListener = (event: InstrumentationEvent<never>) => unknown;

/** Where event ids come from: one counter per module instance (kafkajs has one per process). */
export interface EventIds {
  next: number;
}

/** One client's event emitter. */
export class InstrumentationEmitter {
  private readonly listeners = new Map<string, EventListener[]>();

  constructor(
    private readonly ids: EventIds,
    private readonly now: () => number,
  ) {}

  /** Deliver an event to the listeners of `type`, if any. */
  emit(type: string, payload: unknown = null): void {
    const listeners = this.listeners.get(type);
    if (listeners === undefined || listeners.length === 0) return;
    const event = { id: String(this.ids.next++), type, timestamp: this.now(), payload } as InstrumentationEvent<never>;
    for (const listener of listeners.slice()) {
      // A synchronous throw reaches the emitter as it does in kafkajs; an async one is dropped.
      Promise.resolve(listener(event)).catch(() => undefined);
    }
  }

  /** Register `listener` for `type`; returns the function that removes it. */
  addListener(type: string, listener: EventListener): () => void {
    const listeners = this.listeners.get(type) ?? [];
    listeners.push(listener);
    this.listeners.set(type, listeners);
    return () => {
      const at = listeners.indexOf(listener);
      if (at >= 0) listeners.splice(at, 1);
    };
  }
}

/** kafkajs's `on`: refuses names that are not among `events`, as kafkajs does. */
export function onEvent(emitter: InstrumentationEmitter, events: Readonly<Record<string, string>>, owner: string, eventName: string, listener: EventListener): () => void {
  if (!Object.values(events).includes(eventName)) {
    const keys = Object.keys(events).map((key) => `${owner}.events.${key}`).join(", ");
    throw new KafkaJSNonRetriableError(`Event name should be one of ${keys}`);
  }
  return emitter.addListener(eventName, listener);
}

/** kafkajs's consumer events. */
export const consumerEvents = {
  HEARTBEAT: "consumer.heartbeat",
  COMMIT_OFFSETS: "consumer.commit_offsets",
  GROUP_JOIN: "consumer.group_join",
  FETCH: "consumer.fetch",
  FETCH_START: "consumer.fetch_start",
  START_BATCH_PROCESS: "consumer.start_batch_process",
  END_BATCH_PROCESS: "consumer.end_batch_process",
  CONNECT: "consumer.connect",
  DISCONNECT: "consumer.disconnect",
  STOP: "consumer.stop",
  CRASH: "consumer.crash",
  REBALANCING: "consumer.rebalancing",
  RECEIVED_UNSUBSCRIBED_TOPICS: "consumer.received_unsubscribed_topics",
  REQUEST: "consumer.network.request",
  REQUEST_TIMEOUT: "consumer.network.request_timeout",
  REQUEST_QUEUE_SIZE: "consumer.network.request_queue_size",
} as const;

/** kafkajs's producer events. */
export const producerEvents = {
  CONNECT: "producer.connect",
  DISCONNECT: "producer.disconnect",
  REQUEST: "producer.network.request",
  REQUEST_TIMEOUT: "producer.network.request_timeout",
  REQUEST_QUEUE_SIZE: "producer.network.request_queue_size",
} as const;

/** kafkajs's admin events. */
export const adminEvents = {
  CONNECT: "admin.connect",
  DISCONNECT: "admin.disconnect",
  REQUEST: "admin.network.request",
  REQUEST_TIMEOUT: "admin.network.request_timeout",
  REQUEST_QUEUE_SIZE: "admin.network.request_queue_size",
} as const;
