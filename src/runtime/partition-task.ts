/**
 * The per-partition state machine of the reference runtime. One `advance` call moves the
 * task by one step of its cycle:
 *
 *   fencing -> (resume from the local store | restoring) -> ready
 *   ready -poll-> polled -dedupe+process-> processed -local commit-> committed
 *   -changelog batch acked-> logged -outputs acked-> sent -group offset commit-> ready
 *
 * Why it is exactly-once:
 * - One local transaction holds the state writes, the next input offset, the input's dedupe
 *   ID, the changelog batch describing all of that (until acknowledged) and the outbox. A
 *   crash before it loses nothing durable (the input is polled again); after it, the store
 *   knows what is unacknowledged and resends it.
 * - Changelog batches are atomic and one at a time, so a retry never lands after a newer one.
 * - Outputs carry IDs derived from the input's dedupe ID, so a resend is the same output.
 * - Duplicate inputs (retries, upstream re-publishing) are dropped by the dedupe ID the
 *   producer gave the event, never by its content (two equal events are two events); dedupe
 *   IDs travel in the changelog, so they survive a move.
 * - Input resumes from the store's (or the restored changelog's) offset, never the group's.
 * - Fencing: a new owner first writes an epoch marker with its generation; the broker then
 *   refuses changelog writes of older generations, so a zombie cannot append after the new
 *   owner restored.
 * - A returning partition reuses its local store only when everything after the store's
 *   checkpoint is epoch markers; otherwise it restores.
 * - A restore that takes longer than the changelog's delete retention starts over: compaction
 *   guarantees a consistent scan only within that time.
 *
 * Each `RuntimeOptions` knob that differs from `referenceRuntime` breaks one of these on purpose.
 */
import type { LogRecord, ProduceEntry } from "../broker/log-record.ts";
import type { InputEvent } from "../broker/log-record.ts";
import { SendOutcome, SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { contentDedupeIdOf, outputIdOf } from "../core/ids.ts";
import { invariant } from "../core/invariant.ts";
import { limits } from "../core/limits.ts";
import type { StoreClient, StoreNamespace } from "../store/store-client.ts";
import type { Transaction } from "../store/transaction.ts";
import { type ChangelogEntry, dedupePrefix, epochKey, offsetKey, onlyMarkersSince, type OutputRecord, outboxKey, outputRecordsOf, statePrefix } from "./changelog-record.ts";
import type { ProcessResult, StateView } from "./processor.ts";
import { checkedResult } from "./processor-contract.ts";
import { ProcessorError, thrownText } from "./processor-error.ts";
import { Restore } from "./restore.ts";
import type { RuntimeContext } from "./runtime-context.ts";
import { userCall, userCallDone } from "./user-call.ts";
import { resumePhase, TaskPhase } from "./task-phase.ts";

const duplicateInput: ProcessResult<unknown, unknown> = {};

/**
 * The processor's read-only view of a task's committed state. A class rather than a closure:
 * tasks are created on every rebalance, and closures cost more to create.
 */
class CommittedStateView implements StateView<unknown> {
  constructor(private readonly task: PartitionTask) {}

  get(key: string): unknown {
    return this.task.store?.get(key);
  }
}

/** One assigned partition inside one instance. */
export class PartitionTask {
  phase: TaskPhase = TaskPhase.fencing;
  store: StoreNamespace | undefined;
  restore: Restore | undefined;
  /** The broker refused this task's write: a newer owner exists. */
  fenced = false;
  private polled: LogRecord<InputEvent> | undefined;
  private result: ProcessResult<unknown, unknown> | undefined;
  private restoreStartedAt = 0;
  private restoreChunk: number = limits.restoreRecordsPerStep;
  // Memory-only state of planted bugs (lost on crash, by design).
  private memoryDedupe: Set<string> | undefined;
  private memoryOutbox: readonly OutputRecord[] = [];
  private recordsSent = 0;
  private readonly inflight: (readonly ChangelogEntry[])[] = [];
  private readonly view: StateView<unknown> = new CommittedStateView(this);

  constructor(
    readonly instance: number,
    readonly partition: number,
    private readonly ctx: RuntimeContext,
    private readonly disk: StoreClient,
    /** The group generation this task runs in (its epoch). */
    public generation: number,
  ) {
    if (!ctx.options.fencing) this.open();
  }

  /** In the middle of an input's cycle (work that must finish before a rebalance is handled). */
  get midCycle(): boolean {
    const p = this.phase;
    return p !== TaskPhase.ready && p !== TaskPhase.restoring && p !== TaskPhase.fencing;
  }

  /** Take one step; returns false when there was nothing to do (no input to poll). */
  advance(): boolean {
    switch (this.phase) {
      case TaskPhase.ready:
        return this.poll();
      case TaskPhase.polled:
        this.process();
        return true;
      case TaskPhase.processed:
        this.commit();
        return true;
      case TaskPhase.halfCommitted:
        this.commitSecondHalf();
        return true;
      case TaskPhase.committed:
        this.sendChangelog();
        return true;
      case TaskPhase.logged:
        this.sendOutputs();
        return true;
      case TaskPhase.sent:
        this.commitOffset();
        return true;
      case TaskPhase.restoring:
        this.restoreStep();
        return true;
      case TaskPhase.fencing:
        this.writeEpochMarker();
        return true;
    }
  }

  private get epoch(): number {
    return this.ctx.options.fencing ? this.generation : -1;
  }

  private writeEpochMarker(): void {
    const { broker, history } = this.ctx;
    const outcome = broker.produce(SendTarget.changelog, this.partition, [{ key: epochKey, value: this.generation }], this.generation);
    if (outcome === SendOutcome.fenced) return this.markFenced();
    if (outcome !== SendOutcome.acked) return;
    history.record(Op.epochMarker, this.instance, this.partition, this.generation);
    this.open();
  }

  /** Resume from the local store when it matches the changelog; otherwise restore. */
  private open(): void {
    const local = this.disk.find(this.partition);
    const { options, history } = this.ctx;
    const end = this.ctx.broker.endOffset(SendTarget.changelog, this.partition);
    const reuse = local !== undefined && (!options.checkCheckpoint || this.onlyMarkersAfter(local.checkpoint, end));
    if (!reuse) return this.beginRestore();
    let store: StoreNamespace = local;
    if (options.checkCheckpoint || !options.resendPendingBatch) {
      const tx = this.disk.begin(this.partition);
      if (options.checkCheckpoint) tx.checkpoint = end;
      if (!options.resendPendingBatch) tx.pendingBatch = null;
      store = this.disk.commit(tx);
    }
    this.store = this.applyGroupOffset(store);
    this.phase = resumePhase(this.store);
    history.record(Op.resume, this.instance, this.partition, this.store.nextOffset);
  }

  /** Whether the changelog from `checkpoint` to `end` holds only epoch markers, with no gap. */
  private onlyMarkersAfter(checkpoint: number, end: number): boolean {
    if (checkpoint < 0 || checkpoint > end) return false;
    if (checkpoint === end) return true;
    const records = this.ctx.broker.fetch(SendTarget.changelog, this.partition, checkpoint, end - checkpoint);
    return onlyMarkersSince(records, checkpoint, end);
  }

  private beginRestore(): void {
    this.restore = new Restore(this.partition, this.ctx.broker, this.ctx.options.restoreTombstones, this.restoreChunk);
    this.restoreStartedAt = this.ctx.clock.nowTicks;
    this.phase = TaskPhase.restoring;
    this.ctx.history.record(Op.restoreStart, this.instance, this.partition, this.restore.startOffset);
  }

  private restoreStep(): void {
    const restore = this.restore;
    invariant(restore !== undefined, "restoring task without a restore");
    const { options, clock, history } = this.ctx;
    const contents = restore.step();
    if (contents === null) {
      if (options.restoreDeadline && clock.nowTicks - this.restoreStartedAt >= this.ctx.deleteRetentionTicks) {
        // Too slow to trust (a tombstone may have been cleaned away behind the scan): start
        // over reading twice as much per step, so a restart always ends.
        history.record(Op.restoreRestart, this.instance, this.partition);
        this.restoreChunk *= 2;
        this.beginRestore();
      }
      return;
    }
    this.restore = undefined;
    this.store = this.applyGroupOffset(this.disk.restore(this.partition, contents));
    this.phase = resumePhase(this.store);
    history.record(Op.restoreEnd, this.instance, this.partition, this.store.nextOffset);
  }

  /** Planted bug: resume from the group's committed offset instead of the store's. */
  private applyGroupOffset(store: StoreNamespace): StoreNamespace {
    if (this.ctx.options.resumeFrom !== "group") return store;
    const committed = this.ctx.group.committed(this.partition);
    if (committed < 0) return store;
    const tx = this.disk.begin(this.partition);
    tx.nextOffset = committed;
    return this.disk.commit(tx);
  }

  private poll(): boolean {
    const { broker, group, options } = this.ctx;
    const record = broker.fetch(SendTarget.input, this.partition, this.store!.nextOffset, 1)[0] as LogRecord<InputEvent> | undefined;
    if (record === undefined) return false;
    this.polled = record;
    this.phase = TaskPhase.polled;
    if (options.resumeFrom === "group") group.commit(this.generation, this.partition, record.offset + 1);
    return true;
  }

  /**
   * The ID `event` is deduplicated by: the one its producer gave it, or (planted bug) one
   * computed from its content, which merges two equal events. Outputs keep the producer's.
   */
  private dedupeIdFor(event: InputEvent): string {
    return this.ctx.options.dedupeIdFrom === "content" ? contentDedupeIdOf(event.key, event.payload) : event.dedupeId;
  }

  private isDuplicate(dedupeId: string): boolean {
    const { options } = this.ctx;
    if (!options.dedupe) return false;
    return options.dedupeStorage === "memory" ? this.memoryDedupe?.has(dedupeId) === true : this.store!.hasDedupe(dedupeId);
  }

  private process(): void {
    const record = this.polled!;
    const event = record.value!;
    const { processor, history, options } = this.ctx;
    if (this.isDuplicate(this.dedupeIdFor(event))) {
      this.result = duplicateInput;
      history.record(Op.skipDuplicate, this.instance, this.partition, record.offset);
    } else {
      let result: unknown;
      userCall.what = "process";
      userCall.name = processor.name;
      userCall.dedupeId = event.dedupeId;
      userCall.key = event.key;
      try {
        result = processor.process(this.view, event);
        userCallDone();
      } catch (error) {
        userCallDone();
        const reason = thrownText(error);
        throw new ProcessorError(`processor "${processor.name}" threw on input ${event.dedupeId} (key ${event.key}): ${reason}`);
      }
      this.result = checkedResult(processor, event, result);
      if (options.outputs === "before-commit-random-ids") this.sendOutputsNow(event.dedupeId);
    }
    this.phase = TaskPhase.processed;
  }

  /** Planted bug: outputs go out before the commit, with fresh random IDs. */
  private sendOutputsNow(dedupeId: string): void {
    const { broker, rng } = this.ctx;
    const outputs = this.result!.outputs ?? [];
    const entries: ProduceEntry<OutputRecord>[] = [];
    for (let i = 0; i < outputs.length; i++) {
      const value: OutputRecord = { outputId: `r${rng.int(1_000_000_000)}`, cause: outputIdOf(dedupeId, i), payload: outputs[i] };
      entries.push({ key: value.outputId, value });
    }
    if (entries.length > 0) broker.produce(SendTarget.output, this.partition, entries);
  }

  private commit(): void {
    const { commit } = this.ctx.options;
    if (commit === "atomic") {
      const tx = this.disk.begin(this.partition);
      this.stageState(tx);
      this.stageProgress(tx, true);
      return this.finishCommit(tx);
    }
    const tx = this.disk.begin(this.partition);
    if (commit === "offset-first") tx.nextOffset = this.polled!.offset + 1;
    else this.stageState(tx);
    this.store = this.disk.commit(tx);
    this.phase = TaskPhase.halfCommitted;
  }

  /** Planted bugs: the second transaction of a split commit. */
  private commitSecondHalf(): void {
    const tx = this.disk.begin(this.partition);
    if (this.ctx.options.commit === "offset-first") {
      this.stageState(tx);
      this.stageProgress(tx, false);
    } else {
      this.stageProgress(tx, true);
    }
    this.finishCommit(tx);
  }

  private stageState(tx: Transaction): void {
    for (const write of this.result!.writes ?? []) tx.put(write.key, write.value);
  }

  /** Stage dedupe IDs, the offset, the outbox and the changelog batch describing the whole input. */
  private stageProgress(tx: Transaction, withOffset: boolean): void {
    const { options } = this.ctx;
    const record = this.polled!;
    const result = this.result!;
    const dedupeId = this.dedupeIdFor(record.value!);
    const batch: ChangelogEntry[] = [];
    for (const write of result.writes ?? []) batch.push({ key: statePrefix + write.key, value: write.value });
    if (result !== duplicateInput) {
      if (options.dedupeStorage === "memory") (this.memoryDedupe ??= new Set()).add(dedupeId);
      else {
        tx.addDedupe(dedupeId, record.offset);
        if (options.dedupeInChangelog) batch.push({ key: dedupePrefix + dedupeId, value: record.offset });
      }
      this.expireDedupe(tx, batch, record.offset);
    }
    const outputs = options.outputs === "before-commit-random-ids" ? [] : outputRecordsOf(record.value!.dedupeId, result.outputs);
    if (withOffset) tx.nextOffset = record.offset + 1;
    const outbox = options.outputs === "outbox" ? outputs : [];
    this.memoryOutbox = outputs;
    tx.outbox = outbox;
    batch.push({ key: offsetKey, value: record.offset + 1 }, { key: outboxKey, value: outbox });
    tx.pendingBatch = batch;
  }

  /** Bounded dedupe window: forget IDs of inputs more than the window behind. */
  private expireDedupe(tx: Transaction, batch: ChangelogEntry[], offset: number): void {
    const window = this.ctx.options.dedupeWindowOffsets;
    if (window === null) return;
    if (this.store === undefined) return;
    for (const [id, at] of this.store.dedupeEntries()) {
      if (at > offset - window) continue;
      tx.removeDedupe(id);
      batch.push({ key: dedupePrefix + id, value: null });
    }
  }

  private finishCommit(tx: Transaction): void {
    this.store = this.disk.commit(tx);
    this.phase = TaskPhase.committed;
    this.recordsSent = 0;
    this.polled = undefined;
    this.result = undefined;
  }

  private sendChangelog(): void {
    const batch = this.store!.pendingBatch as readonly ChangelogEntry[];
    const { broker, options } = this.ctx;
    let outcome: SendOutcome;
    if (options.changelogBatching === "per-record") {
      outcome = broker.produce(SendTarget.changelog, this.partition, [batch[this.recordsSent]], this.epoch);
      if (outcome === SendOutcome.acked && ++this.recordsSent < batch.length) return;
    } else {
      outcome = broker.produce(SendTarget.changelog, this.partition, batch, this.epoch);
    }
    if (outcome === SendOutcome.fenced) return this.markFenced();
    if (options.changelogPipelining) {
      this.retryInflight();
      if (outcome !== SendOutcome.acked) this.inflight.push(batch);
    } else if (outcome !== SendOutcome.acked) {
      return;
    }
    // The broker acknowledged the batch: the store now matches the changelog's end.
    const tx = this.disk.begin(this.partition);
    tx.pendingBatch = null;
    tx.checkpoint = broker.endOffset(SendTarget.changelog, this.partition);
    const store = (this.store = this.disk.commit(tx));
    this.phase = this.hasOutputsToSend(store) ? TaskPhase.logged : TaskPhase.sent;
  }

  /** Planted bug: older unacknowledged batches are retried after newer ones went out. */
  private retryInflight(): void {
    const { broker } = this.ctx;
    for (let i = 0; i < this.inflight.length; ) {
      if (broker.produce(SendTarget.changelog, this.partition, this.inflight[i], this.epoch) === SendOutcome.acked) this.inflight.splice(i, 1);
      else i++;
    }
  }

  private hasOutputsToSend(store: StoreNamespace): boolean {
    return this.ctx.options.outputs === "after-commit-no-outbox" ? this.memoryOutbox.length > 0 : !store.outboxAcked;
  }

  private sendOutputs(): void {
    const outbox = (this.ctx.options.outputs === "outbox" ? this.store!.outbox : this.memoryOutbox) as readonly OutputRecord[];
    const { broker } = this.ctx;
    const entries: ProduceEntry<OutputRecord>[] = [];
    for (const output of outbox) entries.push({ key: output.outputId, value: output });
    if (broker.produce(SendTarget.output, this.partition, entries) !== SendOutcome.acked) return;
    const tx = this.disk.begin(this.partition);
    tx.outboxAcked = true;
    this.store = this.disk.commit(tx);
    this.memoryOutbox = [];
    this.phase = TaskPhase.sent;
  }

  /**
   * Cooperative rebalancing kept this partition: continue under the new generation, and redo
   * the group offset commit, which the group may have refused while the rebalance was on.
   */
  keepAcrossRebalance(generation: number): void {
    this.generation = generation;
    if (this.phase === TaskPhase.ready && this.ctx.options.commitGroupOffsets) this.phase = TaskPhase.sent;
  }

  private commitOffset(): void {
    if (this.ctx.options.commitGroupOffsets) {
      this.ctx.group.commit(this.generation, this.partition, this.store!.nextOffset);
    }
    this.phase = TaskPhase.ready;
  }

  private markFenced(): void {
    this.fenced = true;
    this.ctx.history.record(Op.fenced, this.instance, this.partition);
  }
}
