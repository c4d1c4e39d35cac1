/**
 * kafkajs 2.2.4's ConsumerGroup (src/consumer/consumerGroup.js) over the port: join and sync
 * (one port call), leave, the throttled shared heartbeat, seeks, pause state, and fetch.
 *
 * The group consumes one topic, the world's group topic. A fetch first applies pending seeks
 * of assigned partitions (seeks of partitions not assigned wait, as in kafkajs), learns
 * missing committed offsets, then asks the port for every active partition whose position is
 * known; it drops batches of partitions seeked or paused while it waited.
 *
 * `fencings` counts the times this member learned that its generation is over (a rebalance
 * error from any coordinator call, or a new join): a batch fetched before is stale.
 */
import { Batch } from "./batch.ts";
import { errorType, isRebalancing, KafkaJSError } from "./errors.ts";
import { consumerEvents, type InstrumentationEmitter } from "./instrumentation.ts";
import { OffsetManager, type OffsetManagerContext } from "./offset-manager.ts";
import { portCall, sleep } from "./port-call.ts";
import type { Retrier } from "./retry.ts";
import type { PortBatch, PortJoined, PortPosition, PortTopicOffsets, SimPort } from "./sim-port.ts";
import { SubscriptionState } from "./subscription-state.ts";

/** Settings of one consumer group membership. */
export interface ConsumerGroupSettings {
  readonly port: SimPort;
  readonly emitter: InstrumentationEmitter;
  readonly retrier: Retrier;
  readonly groupId: string;
  readonly fromBeginning: boolean;
  readonly autoCommit: boolean;
  readonly autoCommitInterval: number | null;
  readonly autoCommitThreshold: number | null;
  readonly maxWaitTimeInMs: number;
  readonly maxRecordsPerPartition: number;
}

/** kafkajs's seek constants: -2 is the earliest offset, -1 the latest. */
const earliestOffset = -2;
const latestOffset = -1;

const fencingErrors = ["REBALANCE_IN_PROGRESS", "ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID", "NOT_COORDINATOR_FOR_GROUP"];

export class ConsumerGroup {
  readonly topic: string;
  generationId = -1;
  memberId: string | null = null;
  leaderId: string | null = null;
  fencings = 0;
  private offsetManager: OffsetManager | null = null;
  private readonly subscription = new SubscriptionState();
  private readonly seeks = new Map<number, number>();
  private lastRequest = Date.now();
  private sharedHeartbeat: Promise<void> | null = null;
  private closed = false;
  private readonly managerContext: OffsetManagerContext;

  /** The port (the runner reports the service's handlers on it). */
  get port(): SimPort {
    return this.settings.port;
  }

  constructor(private readonly settings: ConsumerGroupSettings) {
    this.topic = settings.port.groupTopic;
    this.managerContext = { ...settings, topic: this.topic, observe: (call) => this.observe(call) };
  }

  /** Join (and sync) with kafkajs's retries: rebalancing and unknown-member errors retry. */
  joinAndSync(): Promise<void> {
    const startJoin = Date.now();
    return this.settings.retrier(async (bail) => {
      try {
        const joined = await portCall<PortJoined>((settle) => this.settings.port.join(settle));
        this.joined(joined, Date.now() - startJoin);
      } catch (e) {
        if (isRebalancing(e)) throw new KafkaJSError(e as Error);
        if (errorType(e) === "UNKNOWN_MEMBER_ID") {
          this.memberId = null;
          throw new KafkaJSError(e as Error);
        }
        bail(e as Error);
      }
    });
  }

  private joined(joined: PortJoined, duration: number): void {
    this.generationId = joined.generation;
    this.memberId = joined.memberId;
    this.leaderId = joined.leaderId;
    this.fencings++;
    this.subscription.assign(joined.assignment);
    this.offsetManager = new OffsetManager(this.managerContext, joined.assignment, joined.generation, joined.memberId);
    this.settings.emitter.emit(consumerEvents.GROUP_JOIN, {
      groupId: this.settings.groupId,
      memberId: this.memberId,
      leaderId: this.leaderId,
      isLeader: this.leaderId === this.memberId,
      memberAssignment: { [this.topic]: this.subscription.assigned() },
      groupProtocol: "RoundRobinAssigner",
      duration,
    });
  }

  /** Leave the group (when a member). */
  async leave(): Promise<void> {
    if (this.memberId === null) return;
    await portCall<void>((settle) => this.settings.port.leave(settle));
    this.memberId = null;
  }

  /** A heartbeat when `interval` ms have passed since the last; concurrent callers share one. */
  heartbeat(interval: number): Promise<void> {
    if (this.sharedHeartbeat === null) {
      this.sharedHeartbeat = this.heartbeatIfDue(interval).finally(() => {
        this.sharedHeartbeat = null;
      });
    }
    return this.sharedHeartbeat;
  }

  private async heartbeatIfDue(interval: number): Promise<void> {
    if (this.memberId === null || Date.now() < this.lastRequest + interval) return;
    const payload = { groupId: this.settings.groupId, memberId: this.memberId, groupGenerationId: this.generationId };
    await this.observe(portCall<void>((settle) => this.settings.port.heartbeat(this.generationId, settle)));
    this.settings.emitter.emit(consumerEvents.HEARTBEAT, payload);
    this.lastRequest = Date.now();
  }

  /** Count the errors that tell this member its generation is over. */
  observe<T>(call: Promise<T>): Promise<T> {
    return call.catch((e: unknown) => {
      if (fencingErrors.includes(errorType(e) ?? "")) this.fencings++;
      throw e;
    });
  }

  /** The current generation's offsets (throws before the first join, as kafkajs would). */
  offsets(): OffsetManager {
    if (this.offsetManager === null) throw new KafkaJSError("The consumer has not joined its group yet");
    return this.offsetManager;
  }

  /** Remember a seek; it applies at the next fetch that has the partition assigned. */
  seek(partition: number, offset: number): void {
    this.seeks.set(partition, offset);
  }

  /** Is a seek of `partition` pending (kafkajs's isStale)? */
  hasSeekOffset(partition: number): boolean {
    return this.seeks.has(partition);
  }

  pause(partitions: readonly number[] | undefined): void {
    this.subscription.pause(partitions);
  }

  resume(partitions: readonly number[] | undefined): void {
    this.subscription.resume(partitions);
  }

  isPaused(partition: number): boolean {
    return this.subscription.isPaused(partition);
  }

  assigned(): number[] {
    return this.subscription.assigned();
  }

  paused(): number[] {
    return this.subscription.paused();
  }

  /** The runner stopped: a fetch still pending when it settles neither recovers nor rejoins. */
  close(): void {
    this.closed = true;
  }

  /** One fetch of every active assigned partition; errors kafkajs recovers from give []. */
  async fetch(): Promise<Batch[]> {
    try {
      return await this.fetchAssigned();
    } catch (e) {
      if (this.closed) return [];
      await this.recoverFromFetch(e);
      return [];
    }
  }

  private async fetchAssigned(): Promise<Batch[]> {
    const manager = this.offsets();
    await this.applySeeks(manager);
    const active = this.subscription.active().filter((p) => manager.hasCommitted(p));
    if (active.length === 0) {
      await sleep(this.settings.maxWaitTimeInMs);
      return [];
    }
    const positions: PortPosition[] = active.map((partition) => ({ partition, offset: manager.nextOffset(partition) }));
    const fetched = await this.observe(
      portCall<readonly PortBatch[]>((settle) => this.settings.port.fetch(this.generationId, positions, this.settings.maxRecordsPerPartition, settle)),
    );
    return fetched
      .filter(({ partition }) => !this.seeks.has(partition) && !this.subscription.isPaused(partition))
      .flatMap((data) => {
        const position = positions.find((p) => p.partition === data.partition);
        return position === undefined ? [] : [new Batch(this.topic, position.offset, data)];
      });
  }

  private async applySeeks(manager: OffsetManager): Promise<void> {
    for (const partition of this.subscription.assigned()) {
      const offset = this.seeks.get(partition);
      if (offset === undefined) continue;
      this.seeks.delete(partition);
      const concrete = await this.concreteOffset(partition, offset);
      this.settings.port.seeked(partition, concrete);
      await manager.seek(partition, concrete);
    }
    await manager.resolveOffsets();
  }

  /** kafkajs's special seek offsets (-2 earliest, -1 latest) as the partition's offsets now. */
  private async concreteOffset(partition: number, offset: number): Promise<number> {
    if (offset !== earliestOffset && offset !== latestOffset) return offset;
    const ends = await portCall<readonly PortTopicOffsets[]>((settle) => this.settings.port.topicOffsets(this.topic, settle));
    const end = ends.find((e) => e.partition === partition);
    if (end === undefined) return 0;
    return offset === earliestOffset ? end.low : end.high;
  }

  private async recoverFromFetch(e: unknown): Promise<void> {
    const type = errorType(e);
    if (type === "NOT_LEADER_FOR_PARTITION" || type === "UNKNOWN_TOPIC_OR_PARTITION") {
      await this.joinAndSync();
      return;
    }
    if (type === "OFFSET_OUT_OF_RANGE") {
      await this.recoverFromOffsetOutOfRange();
      return;
    }
    throw e;
  }

  /** The port does not say which position was out of range: reset every one that is. */
  private async recoverFromOffsetOutOfRange(): Promise<void> {
    const manager = this.offsets();
    const ends = await portCall<readonly PortTopicOffsets[]>((settle) => this.settings.port.topicOffsets(this.topic, settle));
    const outOfRange = ends.filter(({ partition, low, high }) => {
      if (!this.subscription.assigned().includes(partition)) return false;
      const next = manager.nextOffset(partition);
      return next < low || next > high;
    });
    await manager.setDefaultOffsets(outOfRange.map(({ partition }) => partition));
  }
}
