/**
 * kafkajs 2.2.4's OffsetManager (src/consumer/offsetManager/index.js) for one generation's
 * assignment: committed offsets as this member knows them, resolved offsets (the next offset
 * to consume, = resolved message offset + 1), when to auto-commit, and commits.
 *
 * A rejoin makes a new manager, which is how kafkajs drops resolved-but-uncommitted offsets
 * and re-reads committed ones for the new assignment. `resolveOffset` overwrites, so it may
 * move backwards, as kafkajs's does. A partition without a committed offset starts at the
 * partition's low offset (fromBeginning) or its high offset; that start is only local, as in
 * kafkajs, until something is committed.
 */
import type { OffsetsByTopicPartition } from "./consumer-types.ts";
import { consumerEvents, type InstrumentationEmitter } from "./instrumentation.ts";
import { portCall } from "./port-call.ts";
import type { PortPosition, PortTopicOffsets, SimPort } from "./sim-port.ts";

/** What a manager needs of its group. */
export interface OffsetManagerContext {
  readonly port: SimPort;
  readonly emitter: InstrumentationEmitter;
  readonly groupId: string;
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly autoCommit: boolean;
  readonly autoCommitInterval: number | null;
  readonly autoCommitThreshold: number | null;
  /** Wraps every coordinator call, so the group sees errors that end its generation. */
  observe<T>(call: Promise<T>): Promise<T>;
}

const isInvalid = (offset: number | undefined): boolean => offset === undefined || offset < 0;

export class OffsetManager {
  private readonly committed = new Map<number, number>();
  private readonly resolved = new Map<number, number>();
  private lastCommit = Date.now();

  constructor(
    private readonly ctx: OffsetManagerContext,
    readonly assignment: readonly number[],
    readonly generationId: number,
    readonly memberId: string,
  ) {}

  /** Where the next fetch of `partition` starts. */
  nextOffset(partition: number): number {
    if (!this.resolved.has(partition) && this.committed.has(partition)) this.resolved.set(partition, this.committed.get(partition) as number);
    const offset = this.resolved.get(partition);
    return offset === undefined || isInvalid(offset) ? 0 : offset;
  }

  /** Is the committed offset of `partition` known (a fetch only asks for those)? */
  hasCommitted(partition: number): boolean {
    return this.committed.has(partition);
  }

  /** Mark `offset` processed: the next offset to commit is offset + 1. */
  resolveOffset(partition: number, offset: string | number): void {
    this.resolved.set(partition, Number(offset) + 1);
  }

  /** Resolved offsets that differ from the committed ones. */
  uncommittedOffsets(): OffsetsByTopicPartition {
    const partitions = [...this.resolved.entries()]
      .filter(([partition, offset]) => offset !== this.committed.get(partition) && offset >= 0)
      .sort(([a], [b]) => a - b)
      .map(([partition, offset]) => ({ partition, offset: String(offset) }));
    return { topics: partitions.length > 0 ? [{ topic: this.ctx.topic, partitions }] : [] };
  }

  /** Commit when autoCommitInterval has passed or autoCommitThreshold offsets are resolved. */
  async commitOffsetsIfNecessary(): Promise<void> {
    const { autoCommitInterval, autoCommitThreshold } = this.ctx;
    const timeoutReached = autoCommitInterval !== null && Date.now() >= this.lastCommit + autoCommitInterval;
    const thresholdReached = autoCommitThreshold !== null && this.countResolvedOffsets() >= autoCommitThreshold;
    if (timeoutReached || thresholdReached) await this.commitOffsets();
  }

  /** Commit `offsets`, or every uncommitted resolved offset. */
  async commitOffsets(offsets: OffsetsByTopicPartition = this.uncommittedOffsets()): Promise<void> {
    const positions: PortPosition[] = [];
    for (const { partitions } of offsets.topics) for (const { partition, offset } of partitions) positions.push({ partition, offset: Number(offset) });
    if (positions.length === 0) {
      this.lastCommit = Date.now();
      return;
    }
    await this.ctx.observe(portCall<void>((settle) => this.ctx.port.commit(this.generationId, positions, settle)));
    this.ctx.emitter.emit(consumerEvents.COMMIT_OFFSETS, {
      groupId: this.ctx.groupId,
      memberId: this.memberId,
      groupGenerationId: this.generationId,
      topics: offsets.topics,
    });
    for (const { partition, offset } of positions) this.committed.set(partition, offset);
    this.lastCommit = Date.now();
  }

  /**
   * Apply a seek of an assigned partition: with autoCommit kafkajs commits the offset at once
   * and re-reads it; without, it resolves offset - 1 so the next fetch starts at `offset`.
   */
  async seek(partition: number, offset: number): Promise<void> {
    if (!this.assignment.includes(partition)) return;
    if (!this.ctx.autoCommit) {
      this.resolveOffset(partition, offset - 1);
      return;
    }
    await this.ctx.observe(portCall<void>((settle) => this.ctx.port.commit(this.generationId, [{ partition, offset }], settle)));
    this.clearOffsets(partition);
  }

  /** Learn the committed offsets this member does not know yet; default the missing ones. */
  async resolveOffsets(): Promise<void> {
    const pending = this.assignment.filter((p) => isInvalid(this.committed.get(p)));
    if (pending.length === 0) return;
    const offsets = await this.ctx.observe(portCall<readonly number[]>((settle) => this.ctx.port.committed(pending, settle)));
    const unresolved = pending.filter((_, i) => isInvalid(offsets[i]));
    pending.forEach((p, i) => {
      if (!isInvalid(offsets[i])) this.committed.set(p, offsets[i]);
    });
    if (unresolved.length > 0) await this.setDefaultOffsets(unresolved);
  }

  /** Start `partitions` at the partition's low (fromBeginning) or high offset. */
  async setDefaultOffsets(partitions: readonly number[]): Promise<void> {
    const ends = await portCall<readonly PortTopicOffsets[]>((settle) => this.ctx.port.topicOffsets(this.ctx.topic, settle));
    for (const p of partitions) {
      const end = ends.find((e) => e.partition === p);
      if (end === undefined) continue;
      this.committed.set(p, this.ctx.fromBeginning ? end.low : end.high);
      this.resolved.delete(p);
    }
  }

  private clearOffsets(partition: number): void {
    this.committed.delete(partition);
    this.resolved.delete(partition);
  }

  private countResolvedOffsets(): number {
    let sum = 0;
    for (const [partition, offset] of this.resolved) {
      const committed = this.committed.get(partition);
      sum += isInvalid(committed) ? offset : offset - (committed as number);
    }
    return sum;
  }
}
