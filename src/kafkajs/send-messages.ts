/**
 * The producer's send path (kafkajs src/producer/sendMessages.js and messageProducer.js):
 * validate, partition every message, send one request per partition, retry the failed ones.
 *
 * Each partition is its own broker here, so each partition's request has its own retrier:
 * a retriable error (REQUEST_TIMED_OUT, NETWORK_EXCEPTION, NOT_LEADER_FOR_PARTITION, ...)
 * sends that request again after backoff, up to `retries` times, then the send rejects with
 * KafkaJSNumberOfRetriesExceeded; a non-retriable error rejects at once with the protocol
 * error itself (kafkajs bails). The send settles after every partition's request settled.
 *
 * Idempotence: the producer numbers each partition's requests 0, 1, 2, ...; a request keeps
 * its number on every retry (the broker acknowledges a retry of an appended request without
 * appending it again) and holds the partition's single slot until it succeeds or gives up,
 * so a later request can never overtake it.
 */
import type { ICustomPartitioner, Message, PartitionMetadata, RecordMetadata, TopicMessages } from "./client-types.ts";
import { type KafkaJSError, KafkaJSNonRetriableError } from "./errors.ts";
import { encodeMessage } from "./message-codec.ts";
import { portCall } from "./port-call.ts";
import type { Retrier } from "./retry.ts";
import { Semaphore } from "./semaphore.ts";
import type { PortMessage, SimPort } from "./sim-port.ts";

/** What one producer's sends share. */
export interface SendContext {
  readonly port: SimPort;
  readonly idempotent: boolean;
  readonly retrier: Retrier;
  readonly partitioner: ReturnType<ICustomPartitioner>;
  /** Requests one partition may have in flight (Infinity: no limit). */
  readonly maxInFlightRequests: number;
  /** Per "topic/partition": the next sequence number, and the in-flight slots. */
  readonly sequences: Map<string, number>;
  readonly slots: Map<string, Semaphore>;
}

/** One partition's share of a send. */
interface PartitionRequest {
  readonly topic: string;
  readonly partition: number;
  readonly messages: PortMessage[];
}

/** kafkajs's sendBatch validation (messageProducer.js), with its messages. */
export function validateBatch(idempotent: boolean, acks: number, topicMessages: readonly TopicMessages[]): void {
  if (topicMessages.some(({ topic }) => !topic)) throw new KafkaJSNonRetriableError("Invalid topic");
  if (idempotent && acks !== -1) {
    throw new KafkaJSNonRetriableError("Not requiring ack for all messages invalidates the idempotent producer's EoS guarantees");
  }
  for (const { topic, messages } of topicMessages) {
    if (!messages) throw new KafkaJSNonRetriableError(`Invalid messages array [${String(messages)}] for topic "${topic}"`);
    const withoutValue = messages.find((message) => message.value === undefined);
    if (withoutValue) {
      throw new KafkaJSNonRetriableError(`Invalid message without value for topic "${topic}": ${JSON.stringify(withoutValue)}`);
    }
  }
}

function partitionMetadataOf(count: number): PartitionMetadata[] {
  const out: PartitionMetadata[] = [];
  for (let p = 0; p < count; p++) out.push({ partitionErrorCode: 0, partitionId: p, leader: 0, replicas: [0], isr: [0] });
  return out;
}

function partitionCount(port: SimPort, topic: string): number {
  const count = port.partitionsOf(topic);
  if (count === undefined) {
    throw port.unsupported(`producer.send: eosim's world has no topic "${topic}" (it has topics ${port.topicNames().join(", ")})`);
  }
  return count;
}

/** Merge topics named twice, partition every message, group by partition (ascending). */
function partitionRequests(ctx: SendContext, topicMessages: readonly TopicMessages[]): PartitionRequest[] {
  const merged = new Map<string, Message[]>();
  for (const { topic, messages } of topicMessages) merged.set(topic, [...(merged.get(topic) ?? []), ...messages]);
  const requests: PartitionRequest[] = [];
  for (const [topic, messages] of merged) {
    const count = partitionCount(ctx.port, topic);
    const partitionMetadata = partitionMetadataOf(count);
    const byPartition = new Map<number, PortMessage[]>();
    for (const message of messages) {
      const partition = ctx.partitioner({ topic, partitionMetadata, message });
      if (!Number.isInteger(partition) || partition < 0 || partition >= count) {
        throw ctx.port.unsupported(`producer.send: topic "${topic}" has ${count} partitions, a message went to partition ${partition}`);
      }
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), encodeMessage(ctx.port, message, Date.now())]);
    }
    for (const partition of [...byPartition.keys()].sort((a, b) => a - b)) {
      requests.push({ topic, partition, messages: byPartition.get(partition) ?? [] });
    }
  }
  return requests;
}

function slotOf(ctx: SendContext, key: string): Semaphore {
  let slot = ctx.slots.get(key);
  if (slot === undefined) {
    slot = new Semaphore(ctx.idempotent ? 1 : ctx.maxInFlightRequests);
    ctx.slots.set(key, slot);
  }
  return slot;
}

function nextSequence(ctx: SendContext, key: string): number {
  const sequence = ctx.sequences.get(key) ?? 0;
  ctx.sequences.set(key, sequence + 1);
  return sequence;
}

/** One attempt: retriable errors are thrown for the retrier, the others bail. */
async function attempt(ctx: SendContext, request: PartitionRequest, sequence: number, bail: (e?: Error) => void): Promise<RecordMetadata> {
  const { topic, partition, messages } = request;
  try {
    const { baseOffset } = await portCall<{ baseOffset: number }>((settle) => ctx.port.produce(topic, partition, messages, sequence, settle));
    return { topicName: topic, partition, errorCode: 0, baseOffset: String(baseOffset), logAppendTime: "-1" };
  } catch (e) {
    if ((e as KafkaJSError).retriable) throw e;
    bail(e as Error);
    throw e;
  }
}

async function sendPartition(ctx: SendContext, request: PartitionRequest): Promise<RecordMetadata> {
  const key = `${request.topic}/${request.partition}`;
  const slot = slotOf(ctx, key);
  if (!ctx.idempotent) {
    // Without idempotence each attempt is a request of its own on the connection.
    return ctx.retrier(async (bail) => {
      const release = await slot.acquire();
      try {
        return await attempt(ctx, request, -1, bail);
      } finally {
        release();
      }
    });
  }
  const release = await slot.acquire();
  try {
    const sequence = nextSequence(ctx, key);
    return await ctx.retrier((bail) => attempt(ctx, request, sequence, bail));
  } finally {
    release();
  }
}

/** Send `topicMessages` (already validated) and resolve to kafkajs's RecordMetadata[]. */
export async function sendMessages(ctx: SendContext, acks: number, topicMessages: readonly TopicMessages[]): Promise<RecordMetadata[]> {
  const requests = partitionRequests(ctx, topicMessages);
  if (acks === 0) {
    // acks = 0: kafkajs does not wait for (or see) the broker's answer.
    for (const { topic, partition, messages } of requests) ctx.port.produce(topic, partition, messages, -1, () => undefined);
    return [];
  }
  const outcomes = await Promise.allSettled(requests.map((request) => sendPartition(ctx, request)));
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<RecordMetadata>).value);
}
