/**
 * The simulated broker: three topics with the same partition count (input events, the
 * changelog, outputs), produce requests whose outcome the fault layer can alter, epoch
 * fencing on the changelog, the idempotent producer on the input topic, fetch, compaction and
 * log-start truncation. Everything is synchronous: a request is delivered (or lost) within
 * the intent that sends it, and a sender learns its outcome at once.
 *
 * Every record ever appended to the input topic is also kept in `inputArchive`, so checkers
 * can fold the full input even after retention truncated the log.
 */
import type { VirtualClock } from "../core/clock.ts";
import type { Rng } from "../core/prng.ts";
import { type History, Op } from "../core/history.ts";
import { type CompactionConfig, compactLog } from "./compaction.ts";
import { IdempotenceTable, outcomeOf } from "./idempotence.ts";
import type { LogRecord, ProduceEntry } from "./log-record.ts";
import { PartitionLog } from "./partition-log.ts";
import { type SendInterceptor, SendOutcome, SendTarget } from "./send-outcome.ts";

/** A topic: one log per partition. */
export interface Topic<V> {
  readonly name: string;
  readonly code: SendTarget;
  readonly partitions: PartitionLog<V>[];
}

function topic<V>(name: string, code: SendTarget, count: number): Topic<V> {
  const partitions: PartitionLog<V>[] = [];
  for (let p = 0; p < count; p++) partitions.push(new PartitionLog<V>());
  return { name, code, partitions };
}

/**
 * The log cleaner running concurrently with readers: before a restore fetch from a changelog
 * partition, the cleaner has run on it with this chance, so compaction can land between any
 * two fetches of a restore, as it can in a real cluster.
 */
export interface BackgroundCleaner {
  readonly chancePerFetch: number;
  readonly rng: Rng;
}

/** Broker settings. */
export interface BrokerConfig {
  readonly partitions: number;
  readonly changelogCompaction: CompactionConfig;
  /** Deduplicate sequenced producer retries (Kafka's enable.idempotence). */
  readonly idempotentProducer?: boolean;
}

export class Broker<In, Cl, Out> {
  readonly input: Topic<In>;
  readonly changelog: Topic<Cl>;
  readonly output: Topic<Out>;
  /** Every input record ever appended, per partition (truncation does not touch it). */
  readonly inputArchive: LogRecord<In>[][];
  /** Base offset of the last append (what a produce response carries). */
  lastAppendBase = -1;
  /** Highest writer epoch seen per changelog partition (epoch fencing). */
  private readonly fenceEpochs: number[];
  private readonly idempotence = new IdempotenceTable();

  constructor(
    readonly config: BrokerConfig,
    private readonly clock: VirtualClock,
    private readonly history: History,
    /** Replaced by the fault layer; reliable by default. */
    public network: SendInterceptor,
    private readonly cleaner: BackgroundCleaner | null = null,
  ) {
    this.input = topic("input", SendTarget.input, config.partitions);
    this.changelog = topic("changelog", SendTarget.changelog, config.partitions);
    this.output = topic("output", SendTarget.output, config.partitions);
    this.inputArchive = [];
    for (let p = 0; p < config.partitions; p++) this.inputArchive.push([]);
    this.fenceEpochs = new Array<number>(config.partitions).fill(-1);
  }

  /**
   * Send one produce request (all entries land together or not at all) and return the outcome
   * the sender sees. `epoch` >= 0 makes the write fenced (changelog only): a lower epoch than
   * the partition has seen is refused. `producer`/`sequence` >= 0 make it idempotent when the
   * broker has idempotence enabled.
   */
  produce<V>(to: Topic<V>, partition: number, entries: readonly ProduceEntry<V>[], epoch = -1, producer = -1, sequence = -1): SendOutcome {
    const network = this.network.outcome(to.code);
    const result = network === SendOutcome.notAppended ? network : this.deliver(to, partition, entries, epoch, producer, sequence);
    // A lost or failed reply hides whatever the broker did.
    return network === SendOutcome.acked ? result : network;
  }

  /** The broker side of a request that reached it. */
  private deliver<V>(to: Topic<V>, partition: number, entries: readonly ProduceEntry<V>[], epoch: number, producer: number, sequence: number): SendOutcome {
    const code = to.code * 256 + partition;
    if (epoch >= 0) {
      if (epoch < this.fenceEpochs[partition]) {
        this.history.record(Op.append, code, -1, entries.length * 8 + SendOutcome.fenced);
        return SendOutcome.fenced;
      }
      this.fenceEpochs[partition] = epoch;
    }
    if (producer >= 0 && this.config.idempotentProducer) {
      const check = this.idempotence.check(producer, partition, sequence);
      if (check !== "append") {
        const outcome = outcomeOf(check);
        this.history.record(Op.append, code, -1, entries.length * 8 + (check === "duplicate" ? 5 : outcome));
        return outcome;
      }
      this.idempotence.appended(producer, partition, sequence);
    }
    const log = to.partitions[partition];
    const first = log.appendBatch(entries, this.clock.nowTicks);
    if (to.code === SendTarget.input) {
      const archive = this.inputArchive[partition] as unknown as LogRecord<V>[];
      for (let i = log.records.length - entries.length; i < log.records.length; i++) archive.push(log.records[i]);
    }
    this.lastAppendBase = first;
    this.history.record(Op.append, code, first, entries.length * 8);
    return SendOutcome.acked;
  }

  /** Fetch up to `max` changelog records from `from` (a restore's read; the cleaner may run first). */
  fetchChangelog(partition: number, from: number, max: number): LogRecord<Cl>[] {
    const cleaner = this.cleaner;
    if (cleaner !== null && cleaner.chancePerFetch > 0 && cleaner.rng.next() < cleaner.chancePerFetch) this.compactChangelog(partition);
    return this.changelog.partitions[partition].fetch(from, max);
  }

  /** Compact one changelog partition now; returns the number of records removed. */
  compactChangelog(partition: number, config: CompactionConfig = this.config.changelogCompaction): number {
    const removed = compactLog(this.changelog.partitions[partition], config, this.clock.nowTicks);
    this.history.record(Op.compact, SendTarget.changelog * 256 + partition, removed);
    return removed;
  }

  /** Retention: drop input records of `partition` below `offset`. */
  truncateInput(partition: number, offset: number): void {
    this.input.partitions[partition].truncateStart(offset);
    this.history.record(Op.truncate, SendTarget.input * 256 + partition, offset);
  }
}
