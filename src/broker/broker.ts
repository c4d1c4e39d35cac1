/**
 * The simulated broker: three topics with the same partition count (input events, the
 * changelog, outputs), produce requests whose outcome the fault layer can alter, epoch
 * fencing on the changelog, the idempotent producer on the input topic, fetch, compaction and
 * log-start truncation. Everything is synchronous: a request is delivered (or lost) within
 * the intent that sends it, and a sender learns its outcome at once.
 *
 * Services reach it only through a {@link BrokerClient} (`client(actor)`); every append and
 * every non-empty fetch is recorded with who made it, which is what the checkers judge. The
 * fault layer and the world use the methods below the clients (compaction, truncation, the
 * final topic data); checkers get copies of the logs, never the logs.
 *
 * The input topic keeps an archive of every record ever appended, so checkers can fold the
 * full input even after retention truncated the log; so does the changelog, so checkers can
 * tell what it held at any point of the run after compaction removed superseded records.
 */
import type { VirtualClock } from "../core/clock.ts";
import type { Rng } from "../core/prng.ts";
import { type History, Op } from "../core/history.ts";
import { actorSlot, countOutcome, topicPartition } from "../core/packed-fields.ts";
import type { BrokerClient } from "./broker-client.ts";
import { type CompactionConfig, compactLog } from "./compaction.ts";
import { IdempotenceTable, outcomeOf } from "./idempotence.ts";
import type { LogRecord, ProduceEntry } from "./log-record.ts";
import { PartitionLog } from "./partition-log.ts";
import { type SendInterceptor, SendOutcome, SendTarget } from "./send-outcome.ts";

/**
 * The log cleaner running concurrently with readers: before a fetch from a changelog
 * partition, the cleaner has run on it with this chance, so compaction can land between any
 * two fetches of a restore, as it can in a real cluster.
 */
export interface BackgroundCleaner {
  readonly chancePerFetch: number;
  readonly rng: Rng;
  /**
   * While the cleaner races readers, a changelog fetch returns at most a `1 / divisor` share
   * of the records asked for (at least one; 0 or absent: all), as a fetch size limit cuts
   * fetches short on a changelog of large records: restores then span several fetches, and
   * the cleaner can run between them. A share, not a fixed cap, so a reader that asks for
   * more when it is too slow (the reference runtime's restore deadline) still gets more.
   */
  readonly changelogFetchDivisor?: number;
}

/** Broker settings. */
export interface BrokerConfig {
  readonly partitions: number;
  readonly changelogCompaction: CompactionConfig;
  /** Deduplicate sequenced producer retries (Kafka's enable.idempotence). */
  readonly idempotentProducer?: boolean;
}

/** A topic's final content, as checkers read it: copies, so no checker can change the run. */
export interface TopicData<V> {
  /** Records per partition, in offset order (with compaction's gaps). */
  readonly records: readonly (readonly LogRecord<V>[])[];
  /** End offset per partition. */
  readonly endOffsets: readonly number[];
}

/** Duplicate appends refused by the idempotent producer are recorded with this outcome code. */
const duplicateCode = 5;

export class Broker {
  private readonly topics: readonly (readonly PartitionLog<unknown>[])[];
  /** Highest writer epoch seen per changelog partition (epoch fencing). */
  private readonly fenceEpochs: number[];
  private readonly idempotence = new IdempotenceTable();

  constructor(
    readonly config: BrokerConfig,
    private readonly clock: VirtualClock,
    private readonly history: History,
    /** The fault layer's seam; reliable by default. */
    private readonly network: SendInterceptor,
    private readonly cleaner: BackgroundCleaner | null = null,
  ) {
    this.topics = [partitionLogs(config.partitions, true), partitionLogs(config.partitions, true), partitionLogs(config.partitions, false)];
    this.fenceEpochs = new Array<number>(config.partitions).fill(-1);
  }

  /** The connection of `actor` (an instance id, or `producerActor(id)` for an upstream producer). */
  client(actor: number): BrokerClient {
    return new ActorClient(this, actor);
  }

  /** @internal The broker side of a client's produce request. */
  produce(actor: number, topic: SendTarget, partition: number, entries: readonly ProduceEntry<unknown>[], epoch: number, sequence: number, producerId = -1): SendOutcome {
    const network = this.network.outcome(topic);
    const result = network === SendOutcome.notAppended ? network : this.deliver(actor, topic, partition, entries, epoch, sequence, producerId);
    // A lost or failed reply hides whatever the broker did.
    return network === SendOutcome.acked ? result : network;
  }

  /** The broker side of a request that reached it. */
  private deliver(actor: number, topic: SendTarget, partition: number, entries: readonly ProduceEntry<unknown>[], epoch: number, sequence: number, producerId: number): SendOutcome {
    const slot = actorSlot(actor, topic, partition);
    if (epoch >= 0) {
      if (epoch < this.fenceEpochs[partition]) {
        this.history.record(Op.append, slot, -1, countOutcome(entries.length, SendOutcome.fenced));
        return SendOutcome.fenced;
      }
      this.fenceEpochs[partition] = epoch;
    }
    if (sequence >= 0 && this.config.idempotentProducer) {
      // Sequences are per producer, topic and partition (a service's producer writes several topics).
      const producer = (producerId >= 0 ? 1024 + producerId : actor) * 4 + topic;
      const check = this.idempotence.check(producer, partition, sequence);
      if (check !== "append") {
        const outcome = outcomeOf(check);
        this.history.record(Op.append, slot, -1, countOutcome(entries.length, check === "duplicate" ? duplicateCode : outcome));
        return outcome;
      }
      this.idempotence.appended(producer, partition, sequence);
    }
    const first = this.topics[topic][partition].appendBatch(entries, this.clock.nowTicks);
    this.history.record(Op.append, slot, first, countOutcome(entries.length, SendOutcome.acked));
    return SendOutcome.acked;
  }

  /** @internal The broker side of a client's fetch (the cleaner may run first on a changelog). */
  fetch(actor: number, topic: SendTarget, partition: number, from: number, maxRecords: number): readonly LogRecord<unknown>[] {
    const cleaner = this.cleaner;
    let max = maxRecords;
    if (topic === SendTarget.changelog && cleaner !== null && cleaner.chancePerFetch > 0) {
      if (cleaner.rng.next() < cleaner.chancePerFetch) this.compactChangelog(partition);
      const divisor = cleaner.changelogFetchDivisor;
      if (divisor !== undefined && divisor > 1) max = Math.max(1, Math.floor(maxRecords / divisor));
    }
    const records = this.topics[topic][partition].fetch(from, max);
    if (records.length > 0) this.history.record(Op.fetch, actorSlot(actor, topic, partition), records[0].offset, records.length);
    return records;
  }

  /** The lowest offset of `topic`/`partition` that may still be fetched. */
  startOffset(topic: SendTarget, partition: number): number {
    return this.topics[topic][partition].logStartOffset;
  }

  /** The offset the next record appended to `topic`/`partition` gets. */
  endOffset(topic: SendTarget, partition: number): number {
    return this.topics[topic][partition].endOffset;
  }

  /** Compact one changelog partition now; returns the number of records removed. */
  compactChangelog(partition: number, config: CompactionConfig = this.config.changelogCompaction): number {
    const removed = compactLog(this.topics[SendTarget.changelog][partition], config, this.clock.nowTicks);
    this.history.record(Op.compact, topicPartition(SendTarget.changelog, partition), removed);
    return removed;
  }

  /** Retention: drop input records of `partition` below `offset`. */
  truncateInput(partition: number, offset: number): void {
    this.topics[SendTarget.input][partition].truncateStart(offset);
    this.history.record(Op.truncate, topicPartition(SendTarget.input, partition), offset);
  }

  /** A copy of `topic`'s content now. */
  topicData<V>(topic: SendTarget): TopicData<V> {
    const records: LogRecord<V>[][] = [];
    const endOffsets: number[] = [];
    for (const log of this.topics[topic] as readonly PartitionLog<V>[]) {
      records.push(log.snapshot());
      endOffsets.push(log.endOffset);
    }
    return { records, endOffsets };
  }

  /** Every input record ever appended, per partition (a copy; truncation does not touch it). */
  inputArchive<V>(): LogRecord<V>[][] {
    return this.archiveOf<V>(SendTarget.input);
  }

  /** Every changelog record ever appended, per partition (a copy; compaction does not touch it). */
  changelogArchive(): LogRecord<unknown>[][] {
    return this.archiveOf<unknown>(SendTarget.changelog);
  }

  private archiveOf<V>(topic: SendTarget): LogRecord<V>[][] {
    const archive: LogRecord<V>[][] = [];
    for (const log of this.topics[topic] as readonly PartitionLog<V>[]) archive.push(log.archiveSnapshot());
    return archive;
  }
}

// Built with loops, not `Array.from(..., () => ...)`: a world (and so a broker) is built per
// schedule, and under the TypeScript loader every closure created costs a property definition.
function partitionLogs(count: number, keepArchive: boolean): PartitionLog<unknown>[] {
  const logs: PartitionLog<unknown>[] = [];
  for (let p = 0; p < count; p++) logs.push(new PartitionLog<unknown>(keepArchive));
  return logs;
}

/** A client bound to one actor: what it does is recorded under its name. */
class ActorClient implements BrokerClient {
  constructor(
    private readonly broker: Broker,
    private readonly actor: number,
  ) {}

  produce(topic: SendTarget, partition: number, entries: readonly ProduceEntry<unknown>[], epoch = -1, sequence = -1, producerId = -1): SendOutcome {
    return this.broker.produce(this.actor, topic, partition, entries, epoch, sequence, producerId);
  }

  fetch(topic: SendTarget, partition: number, from: number, maxRecords: number): readonly LogRecord<unknown>[] {
    return this.broker.fetch(this.actor, topic, partition, from, maxRecords);
  }

  startOffset(topic: SendTarget, partition: number): number {
    return this.broker.startOffset(topic, partition);
  }

  endOffset(topic: SendTarget, partition: number): number {
    return this.broker.endOffset(topic, partition);
  }
}
