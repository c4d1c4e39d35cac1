/**
 * The broker as a service sees it: produce a batch, fetch from an offset, ask for a
 * partition's start and end offsets. Nothing else of the broker is reachable from a service,
 * so the reference runtime and a user's own service (through the simulated kafkajs client)
 * go through the same door, and what they do there is what the broker records for the
 * checkers (`Op.append`, `Op.fetch`), with who did it.
 *
 * Topics are named by their {@link SendTarget} code (input, changelog, output).
 */
import type { LogRecord, ProduceEntry } from "./log-record.ts";
import type { SendOutcome, SendTarget } from "./send-outcome.ts";

/** One actor's connection to the broker (an instance or an upstream producer). */
export interface BrokerClient {
  /**
   * Send one produce request (all entries land together or not at all) and return the outcome
   * the sender sees. `epoch` >= 0 makes the write fenced (changelog only): an epoch lower than
   * the partition has seen is refused. `sequence` >= 0 makes it idempotent (producer id = the
   * client's actor, or `producerId` when given: a user's service gets a new one per life, as
   * a Kafka producer does per session) when the broker has idempotence enabled.
   */
  produce(topic: SendTarget, partition: number, entries: readonly ProduceEntry<unknown>[], epoch?: number, sequence?: number, producerId?: number): SendOutcome;
  /** Up to `maxRecords` records of `topic`/`partition` at or after offset `from`, in offset order. */
  fetch(topic: SendTarget, partition: number, from: number, maxRecords: number): readonly LogRecord<unknown>[];
  /** The lowest offset that may still be fetched. */
  startOffset(topic: SendTarget, partition: number): number;
  /** The offset the next appended record gets. */
  endOffset(topic: SendTarget, partition: number): number;
}
