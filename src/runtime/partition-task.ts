/**
 * The per-partition state machine of the reference runtime. One `advance` call moves the
 * task by one step of its cycle:
 *
 *   ready -poll-> polled -dedupe+process-> processed -local commit-> committed
 *   -changelog batch acked-> logged -outputs acked-> sent -group offset commit-> ready
 *
 * Why it is exactly-once: the local transaction holds state writes, the next input offset,
 * the input's dedupe ID, the changelog batch describing all of that (until acknowledged) and
 * the outbox. A crash before the commit loses nothing durable (the input is polled again);
 * after it, the store knows what is still unacknowledged and resends it (changelog batches
 * one at a time, so a retry can never land after a newer batch; outputs with IDs derived
 * from the input's dedupe ID, so a resend is recognisably the same output). Duplicate inputs
 * (retries after lost ACKs) are dropped by dedupe ID. The input offset the task resumes from
 * is the store's (or the restored changelog's), never the group's committed offset.
 */
import type { LogRecord } from "../broker/log-record.ts";
import type { InputEvent } from "../broker/producer.ts";
import { SendOutcome } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { outputIdOf } from "../core/ids.ts";
import { invariant } from "../core/invariant.ts";
import type { Disk } from "../store/disk.ts";
import type { PartitionStore } from "../store/partition-store.ts";
import { type ChangelogEntry, dedupePrefix, offsetKey, type OutputRecord, outboxKey, statePrefix } from "./changelog-record.ts";
import type { ProcessResult, StateView } from "./processor.ts";
import { Restore } from "./restore.ts";
import type { RuntimeContext } from "./runtime-context.ts";
import { TaskPhase } from "./task-phase.ts";

const duplicateInput: ProcessResult<unknown, unknown> = {};

/** One assigned partition inside one instance. */
export class PartitionTask {
  phase: TaskPhase = TaskPhase.restoring;
  store: PartitionStore | undefined;
  restore: Restore | undefined;
  private polled: LogRecord<InputEvent> | undefined;
  private result: ProcessResult<unknown, unknown> | undefined;
  private readonly view: StateView<unknown> = { get: (key) => this.store?.state.get(key) };

  constructor(
    readonly instance: number,
    readonly partition: number,
    private readonly ctx: RuntimeContext,
    private readonly disk: Disk,
    /** The group generation this task runs in (used for offset commits). */
    public generation: number,
  ) {
    this.start();
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
    }
  }

  /** Resume from the local store when it matches the changelog; otherwise restore. */
  private start(): void {
    const local = this.disk.find(this.partition);
    const changelogEnd = this.ctx.broker.changelog.partitions[this.partition].endOffset;
    if (local !== undefined && local.checkpoint === changelogEnd) {
      this.store = local;
      this.phase = this.resumePhase(local);
      this.ctx.history.record(Op.resume, this.instance, this.partition, local.nextOffset);
      return;
    }
    this.restore = new Restore(this.partition, this.ctx.broker);
    this.ctx.history.record(Op.restoreStart, this.instance, this.partition, this.restore.startOffset);
  }

  private resumePhase(store: PartitionStore): TaskPhase {
    if (store.pendingBatch !== null) return TaskPhase.committed;
    if (!store.outboxAcked) return TaskPhase.logged;
    return TaskPhase.sent;
  }

  private restoreStep(): void {
    const restore = this.restore;
    invariant(restore !== undefined, "restoring task without a restore");
    if (!restore.step()) return;
    this.disk.install(restore.target);
    this.store = restore.target;
    this.restore = undefined;
    this.phase = this.resumePhase(restore.target);
    this.ctx.history.record(Op.restoreEnd, this.instance, this.partition, restore.target.nextOffset);
  }

  private poll(): boolean {
    const store = this.store!;
    const record = this.ctx.broker.input.partitions[this.partition].firstAtOrAfter(store.nextOffset);
    if (record === undefined) return false;
    this.polled = record;
    this.phase = TaskPhase.polled;
    this.ctx.history.record(Op.poll, this.instance, this.partition, record.offset);
    return true;
  }

  private process(): void {
    const event = this.polled!.value!;
    if (this.ctx.options.dedupe && this.store!.dedupe.has(event.dedupeId)) {
      this.result = duplicateInput;
      this.ctx.history.record(Op.skipDuplicate, this.instance, this.partition, this.polled!.offset);
    } else {
      this.result = this.ctx.processor.process(this.view, event);
    }
    this.phase = TaskPhase.processed;
  }

  private commit(): void {
    const record = this.polled!;
    const result = this.result!;
    const tx = this.disk.begin(this.partition);
    const batch: ChangelogEntry[] = [];
    for (const write of result.writes ?? []) {
      tx.put(write.key, write.value);
      batch.push({ key: statePrefix + write.key, value: write.value });
    }
    const dedupeId = record.value!.dedupeId;
    if (result !== duplicateInput) {
      tx.addDedupe(dedupeId);
      batch.push({ key: dedupePrefix + dedupeId, value: record.offset });
    }
    const outputs = (result.outputs ?? []).map((payload, i): OutputRecord => ({ outputId: outputIdOf(dedupeId, i), payload }));
    tx.nextOffset = record.offset + 1;
    tx.outbox = outputs;
    batch.push({ key: offsetKey, value: tx.nextOffset }, { key: outboxKey, value: outputs });
    tx.pendingBatch = batch;
    this.store = this.disk.commit(tx);
    this.polled = undefined;
    this.result = undefined;
    this.phase = TaskPhase.committed;
    this.ctx.history.record(Op.commit, this.instance, this.partition, tx.nextOffset);
  }

  private sendChangelog(): void {
    const store = this.store!;
    const batch = store.pendingBatch as readonly ChangelogEntry[];
    const { broker } = this.ctx;
    if (broker.produce(broker.changelog, this.partition, batch) !== SendOutcome.acked) return;
    store.markChangelogAcked(broker.changelog.partitions[this.partition].endOffset);
    this.phase = store.outboxAcked ? TaskPhase.sent : TaskPhase.logged;
  }

  private sendOutputs(): void {
    const store = this.store!;
    const outbox = store.outbox as readonly OutputRecord[];
    const { broker } = this.ctx;
    const entries = outbox.map((o) => ({ key: o.outputId, value: o }));
    if (broker.produce(broker.output, this.partition, entries) !== SendOutcome.acked) return;
    store.markOutboxAcked();
    this.phase = TaskPhase.sent;
  }

  private commitOffset(): void {
    this.ctx.group.commitOffset(this.instance, this.generation, this.partition, this.store!.nextOffset);
    this.phase = TaskPhase.ready;
  }
}
