/**
 * kafkajs 2.2.4's Runner (src/consumer/runner.js, with fetchManager.js and fetcher.js
 * folded in): fetch, hand each batch to eachMessage or eachBatch, resolve, heartbeat and
 * commit, and recover from errors.
 *
 * The loop is one retrier run: fetch, process every batch of the fetch (up to
 * `partitionsConsumedConcurrently` at a time; a failed batch does not stop the others), and
 * fetch again. An error ends the run: a rebalance error rejoins and starts a new run, any
 * other error is retried with backoff (the next attempt fetches from the resolved offsets),
 * and when retries run out the consumer crashes. As in kafkajs, retries count over the whole
 * run, not per error.
 *
 * eachMessage: after each message, resolve its offset, heartbeat (only a port call when the
 * heartbeat interval has passed) and commit if an autoCommit interval or threshold is due;
 * after the batch, commit. A handler that throws first gets the offsets resolved before it
 * committed. eachBatch: the last offset is resolved only when the handler returns and
 * eachBatchAutoResolve is on.
 */
import type { Batch } from "./batch.ts";
import type { Offsets } from "./client-types.ts";
import type { ConsumerGroup } from "./consumer-group.ts";
import type { EachBatchPayload, EachMessagePayload } from "./consumer-types.ts";
import { errorType, isRebalancing } from "./errors.ts";
import { consumerEvents, type InstrumentationEmitter } from "./instrumentation.ts";
import type { Retrier } from "./retry.ts";
import { processConcurrently } from "./worker-queue.ts";

/** What a runner is told at `consumer.run`. */
export interface RunnerSettings {
  readonly groupId: string;
  readonly group: ConsumerGroup;
  readonly emitter: InstrumentationEmitter;
  readonly retrier: Retrier;
  readonly heartbeatInterval: number;
  readonly autoCommit: boolean;
  readonly eachBatchAutoResolve: boolean;
  readonly concurrency: number;
  readonly eachBatch: ((payload: EachBatchPayload) => Promise<void>) | null;
  readonly eachMessage: ((payload: EachMessagePayload) => Promise<void>) | null;
  readonly onCrash: (e: Error) => void;
}

/** A fetched batch and the group's fencing count when it was fetched (for isStale). */
interface Fetched {
  readonly batch: Batch;
  readonly fencings: number;
}

export class Runner {
  running = false;
  private consumingNow = false;
  private readonly consumingStopped: Array<() => void> = [];
  /** Settles (with null) when the runner stops: what a pending long poll races against. */
  private readonly stopped: Promise<null>;
  private wakeStopped: () => void = () => undefined;

  constructor(private readonly s: RunnerSettings) {
    this.stopped = new Promise((resolve) => {
      this.wakeStopped = () => resolve(null);
    });
  }

  private get group(): ConsumerGroup {
    return this.s.group;
  }

  private set consuming(value: boolean) {
    if (this.consumingNow === value) return;
    this.consumingNow = value;
    if (!value) for (const resolve of this.consumingStopped.splice(0)) resolve();
  }

  /** Join, then start consuming; a failed join crashes the consumer. */
  async start(): Promise<void> {
    if (this.running) return;
    try {
      await this.group.joinAndSync();
    } catch (e) {
      this.s.onCrash(e as Error);
      return;
    }
    this.running = true;
    this.scheduleFetchManager();
  }

  private scheduleFetchManager(): void {
    if (!this.running) {
      this.consuming = false;
      return;
    }
    this.consuming = true;
    this.s
      .retrier(async (bail) => {
        if (!this.running) return;
        try {
          await this.fetchLoop();
        } catch (e) {
          if (isRebalancing(e)) {
            this.s.emitter.emit(consumerEvents.REBALANCING, { groupId: this.s.groupId, memberId: this.group.memberId });
            await this.group.joinAndSync();
            return;
          }
          if (errorType(e) === "UNKNOWN_MEMBER_ID") {
            this.group.memberId = null;
            await this.group.joinAndSync();
            return;
          }
          if ((e as Error).name === "KafkaJSNotImplemented") return bail(e as Error);
          throw e;
        }
      })
      .then(
        () => this.scheduleFetchManager(),
        (e: Error) => {
          this.s.onCrash(e);
          this.consuming = false;
          this.running = false;
        },
      );
  }

  /**
   * Stop after the batches in hand, then leave the group. A pending long poll is not waited
   * for (kafkajs waits up to maxWaitTimeInMs; here a poll may wait forever), and its
   * batches are dropped when it settles.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.group.close();
    this.wakeStopped();
    try {
      await this.waitForConsumer();
      await this.group.leave();
    } catch {
      // kafkajs ignores errors while stopping.
    }
  }

  private waitForConsumer(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.consumingNow) resolve();
      else this.consumingStopped.push(resolve);
    });
  }

  private async fetchLoop(): Promise<void> {
    while (this.running) {
      const batches = await this.fetch();
      if (this.running && batches.length > 0) await processConcurrently(batches, this.s.concurrency, (fetched) => this.handleBatch(fetched));
    }
  }

  private async fetch(): Promise<Fetched[]> {
    if (!this.running) return [];
    const startFetch = Date.now();
    this.s.emitter.emit(consumerEvents.FETCH_START, { nodeId: 0 });
    const batches = await Promise.race([this.group.fetch(), this.stopped]);
    if (batches === null || !this.running) return [];
    this.s.emitter.emit(consumerEvents.FETCH, { numberOfBatches: 0, duration: Date.now() - startFetch, nodeId: 0 });
    if (batches.length === 0) await this.heartbeat();
    return batches.map((batch) => ({ batch, fencings: this.group.fencings }));
  }

  /** Heartbeat; a rebalance error first commits what was resolved (it will likely fail too). */
  async heartbeat(): Promise<void> {
    try {
      await this.group.heartbeat(this.s.heartbeatInterval);
    } catch (e) {
      if (isRebalancing(e)) await this.autoCommitOffsets();
      throw e;
    }
  }

  private async handleBatch({ batch, fencings }: Fetched): Promise<void> {
    if (!this.running) return;
    const startBatchProcess = Date.now();
    const payload = {
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      offsetLag: batch.offsetLag(),
      offsetLagLow: batch.offsetLagLow(),
      batchSize: batch.messages.length,
      firstOffset: batch.firstOffset(),
      lastOffset: batch.lastOffset(),
    };
    if (batch.isEmptyDueToFiltering()) {
      this.s.emitter.emit(consumerEvents.START_BATCH_PROCESS, payload);
      this.group.offsets().resolveOffset(batch.partition, batch.lastOffset());
      await this.autoCommitOffsetsIfNecessary();
      this.s.emitter.emit(consumerEvents.END_BATCH_PROCESS, { ...payload, duration: Date.now() - startBatchProcess });
      await this.heartbeat();
      return;
    }
    if (batch.isEmpty()) {
      await this.heartbeat();
      return;
    }
    this.s.emitter.emit(consumerEvents.START_BATCH_PROCESS, payload);
    if (this.s.eachMessage) await this.processEachMessage(batch);
    else if (this.s.eachBatch) await this.processEachBatch(batch, fencings);
    this.s.emitter.emit(consumerEvents.END_BATCH_PROCESS, { ...payload, duration: Date.now() - startBatchProcess });
    await this.autoCommitOffsets();
    await this.heartbeat();
  }

  private pauseOf(partition: number): () => () => void {
    return () => {
      this.group.pause([partition]);
      return () => this.group.resume([partition]);
    };
  }

  private async processEachMessage(batch: Batch): Promise<void> {
    const { topic, partition } = batch;
    const eachMessage = this.s.eachMessage as (payload: EachMessagePayload) => Promise<void>;
    for (const message of batch.messages) {
      if (!this.running || this.group.hasSeekOffset(partition)) break;
      const port = this.group.port;
      port.inHandler(true);
      try {
        await eachMessage({ topic, partition, message, heartbeat: () => this.heartbeat(), pause: this.pauseOf(partition) });
      } catch (e) {
        port.inHandler(false);
        // kafkajs commits the offsets resolved before the failing message, then rethrows.
        await this.autoCommitOffsets();
        throw e;
      }
      port.inHandler(false);
      this.group.offsets().resolveOffset(partition, message.offset);
      await this.heartbeat();
      await this.autoCommitOffsetsIfNecessary();
      if (this.group.isPaused(partition)) break;
    }
  }

  private async processEachBatch(batch: Batch, fencings: number): Promise<void> {
    const { partition } = batch;
    const eachBatch = this.s.eachBatch as (payload: EachBatchPayload) => Promise<void>;
    // The current generation's manager at each call, as kafkajs reads consumerGroup.offsetManager.
    const manager = () => this.group.offsets();
    const last = batch.messages[batch.messages.length - 1];
    const port = this.group.port;
    port.inHandler(true);
    try {
      await eachBatch({
        batch,
        resolveOffset: (offset) => {
          // kafkajs resolves a filtered control record after the last message with it; none here.
          const toResolve = last !== undefined && Number(offset) === Number(last.offset) ? batch.lastOffset() : offset;
          manager().resolveOffset(partition, toResolve);
        },
        heartbeat: () => this.heartbeat(),
        pause: this.pauseOf(partition),
        commitOffsetsIfNecessary: async (offsets?: Offsets) => {
          if (offsets) await manager().commitOffsets(offsets);
          else await manager().commitOffsetsIfNecessary();
        },
        uncommittedOffsets: () => manager().uncommittedOffsets(),
        isRunning: () => this.running,
        isStale: () => this.group.hasSeekOffset(partition) || this.group.fencings !== fencings,
      });
    } catch (e) {
      port.inHandler(false);
      await this.autoCommitOffsets();
      throw e;
    }
    port.inHandler(false);
    if (this.s.eachBatchAutoResolve) manager().resolveOffset(partition, batch.lastOffset());
  }

  private async autoCommitOffsets(): Promise<void> {
    if (this.s.autoCommit) await this.group.offsets().commitOffsets();
  }

  private async autoCommitOffsetsIfNecessary(): Promise<void> {
    if (this.s.autoCommit) await this.group.offsets().commitOffsetsIfNecessary();
  }

  /** `consumer.commitOffsets`: retried; nothing happens once the runner stopped, as in kafkajs. */
  async commitOffsets(offsets: Offsets): Promise<void> {
    if (!this.running) return;
    await this.s.retrier(async (bail) => {
      try {
        await this.group.offsets().commitOffsets(offsets);
      } catch (e) {
        if (!this.running) return;
        if ((e as Error).name === "KafkaJSNotImplemented") return bail(e as Error);
        throw e;
      }
    });
  }
}
