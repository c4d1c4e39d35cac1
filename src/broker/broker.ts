/**
 * The simulated broker: three topics with the same partition count (input events, the
 * changelog, outputs), produce requests whose outcome the fault layer can alter, fetch, and
 * compaction. Everything is synchronous: a request is delivered (or lost) within the intent
 * that sends it, and a sender learns the outcome at once.
 */
import type { VirtualClock } from "../core/clock.ts";
import { type History, Op } from "../core/history.ts";
import { type CompactionConfig, compactLog } from "./compaction.ts";
import type { ProduceEntry } from "./log-record.ts";
import { PartitionLog } from "./partition-log.ts";
import { type SendInterceptor, SendOutcome, SendTarget } from "./send-outcome.ts";

/** A topic: one log per partition. */
export interface Topic<V> {
  readonly name: string;
  readonly code: SendTarget;
  readonly partitions: PartitionLog<V>[];
}

function topic<V>(name: string, code: SendTarget, count: number): Topic<V> {
  return { name, code, partitions: Array.from({ length: count }, () => new PartitionLog<V>()) };
}

/** Broker settings. */
export interface BrokerConfig {
  readonly partitions: number;
  readonly changelogCompaction: CompactionConfig;
}

export class Broker<In, Cl, Out> {
  readonly input: Topic<In>;
  readonly changelog: Topic<Cl>;
  readonly output: Topic<Out>;

  constructor(
    readonly config: BrokerConfig,
    private readonly clock: VirtualClock,
    private readonly history: History,
    /** Replaced by the fault layer; reliable by default. */
    public network: SendInterceptor,
  ) {
    this.input = topic("input", SendTarget.input, config.partitions);
    this.changelog = topic("changelog", SendTarget.changelog, config.partitions);
    this.output = topic("output", SendTarget.output, config.partitions);
  }

  /**
   * Send one produce request (all entries land together or not at all). Returns the outcome as
   * the sender sees it: with `ackLost` the entries were appended anyway.
   */
  produce<V>(to: Topic<V>, partition: number, entries: readonly ProduceEntry<V>[]): SendOutcome {
    const outcome = this.network.outcome(to.code);
    const log = to.partitions[partition];
    let first = log.endOffset;
    if (outcome !== SendOutcome.notAppended) first = log.appendBatch(entries, this.clock.nowTicks);
    this.history.record(Op.append, to.code * 256 + partition, first, entries.length * 8 + outcome);
    return outcome;
  }

  /** Compact one changelog partition now; returns the number of records removed. */
  compactChangelog(partition: number): number {
    const removed = compactLog(this.changelog.partitions[partition], this.config.changelogCompaction, this.clock.nowTicks);
    this.history.record(Op.compact, SendTarget.changelog * 256 + partition, removed);
    return removed;
  }
}
