/**
 * The host side of the port (`kafkajs/sim-port.ts`) for one life of one instance: every
 * request becomes an {@link Operation} of the life, answered from the broker and group clients
 * when the simulator settles it. Topic names are the scenario's; the input topic's records are
 * eosim's upstream events, shown to the service as kafkajs messages (the event's key, its
 * payload as JSON, its dedupe ID in a header); what the service sends is stored as the
 * message's bytes and headers.
 */
import type { BrokerClient } from "../broker/broker-client.ts";
import type { GroupClient } from "../broker/group-client.ts";
import type { InputEvent, LogRecord } from "../broker/log-record.ts";
import { SendOutcome, SendTarget } from "../broker/send-outcome.ts";
import type { VirtualClock } from "../core/clock.ts";
import { type History, Op as HistoryOp } from "../core/history.ts";
import type { PortBatch, PortErrorCode, PortJoined, PortMessage, PortPosition, PortRecord, PortTopicOffsets, Settle, SimPort } from "../kafkajs/sim-port.ts";
import { type Life, type Operation, OperationKind } from "./life.ts";
import type { ServiceTopics } from "./service-config.ts";
import { msAt } from "./virtual-time.ts";

/** A message as the broker stores it for a service-written topic. */
export interface StoredMessage {
  readonly v: string | null;
  readonly h: Readonly<Record<string, string>>;
}

/** Byte string (latin1) of a JS string's UTF-8 encoding; ASCII is its own. */
export function bytesOf(text: string): string {
  // biome-ignore lint: a fast path for the common all-ASCII case
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, "utf8").toString("latin1");
}

/** What the port needs of the instance it belongs to. */
export interface PortOwner {
  readonly broker: BrokerClient;
  readonly group: GroupClient;
  readonly clock: VirtualClock;
  readonly history: History;
  readonly topics: ServiceTopics;
  readonly partitions: number;
  /**
   * The idempotent producer id of this life (a Kafka producer gets a new one per session;
   * simplification: two idempotent producers in one instance share it).
   */
  readonly producerId: number;
  /** Whether the world holds the instance out of the group (after a graceful leave). */
  heldOut(): boolean;
  /** The coordinator heard from the instance now. */
  contact(): void;
  /** The instance (re)joined the group and got an assignment. */
  joined(): void;
}

const maxFetchRecords = 16;

class Op implements Operation {
  constructor(
    readonly kind: OperationKind,
    readonly ready: () => boolean,
    readonly run: () => void,
    readonly lane = 0,
  ) {}
}

/** The lane of the group coordinator's connection (offset commits are answered in order). */
const coordinatorLane = 1;
/** The lane of produce requests to one partition of one topic. */
const produceLane = (target: number, partition: number): number => 16 + target * 256 + partition;

const always = (): boolean => true;

export class WorldPort implements SimPort {
  readonly groupTopic: string;

  constructor(
    private readonly life: Life,
    private readonly owner: PortOwner,
  ) {
    this.groupTopic = owner.topics.input;
  }

  get instance(): number {
    return this.life.instance;
  }

  now(): number {
    return msAt(this.owner.clock.nowTicks);
  }

  private targetOf(topic: string): SendTarget | undefined {
    const topics = this.owner.topics;
    if (topic === topics.input) return SendTarget.input;
    if (topic === topics.output) return SendTarget.output;
    if (topic === topics.changelog) return SendTarget.changelog;
    return undefined;
  }

  partitionsOf(topic: string): number | undefined {
    return this.targetOf(topic) === undefined ? undefined : this.owner.partitions;
  }

  topicNames(): readonly string[] {
    const t = this.owner.topics;
    return t.changelog === undefined ? [t.input, t.output] : [t.input, t.output, t.changelog];
  }

  private memberError(generation: number): PortErrorCode | null {
    const group = this.owner.group;
    if (!group.isMember()) return "UNKNOWN_MEMBER_ID";
    return group.generation !== generation ? "REBALANCE_IN_PROGRESS" : null;
  }

  produce(topic: string, partition: number, messages: readonly PortMessage[], sequence: number, settle: Settle<{ baseOffset: number }>): void {
    const target = this.targetOf(topic);
    if (target === SendTarget.input) throw this.unsupported(`the service sends to the input topic "${topic}": in eosim only the upstream producers write it`);
    const kind = target === SendTarget.output ? OperationKind.sendOutput : target === SendTarget.changelog ? OperationKind.sendChangelog : OperationKind.sendOther;
    this.life.await(new Op(kind, always, () => {
      if (target === undefined || partition < 0 || partition >= this.owner.partitions || !Number.isInteger(partition)) return settle("UNKNOWN_TOPIC_OR_PARTITION");
      const entries = messages.map((m) => ({ key: m.key ?? "", value: { v: m.value, h: m.headers } as StoredMessage }));
      const baseOffset = this.owner.broker.endOffset(target, partition);
      const outcome = this.owner.broker.produce(target, partition, entries, -1, sequence, this.owner.producerId);
      if (outcome === SendOutcome.acked) settle(null, { baseOffset });
      else if (outcome === SendOutcome.ambiguous) settle("NETWORK_EXCEPTION");
      else if (outcome === SendOutcome.fenced) settle("OUT_OF_ORDER_SEQUENCE_NUMBER");
      else settle("REQUEST_TIMED_OUT");
    }, target === undefined ? 0 : produceLane(target, partition)));
  }

  join(settle: Settle<PortJoined>): void {
    this.life.await(new Op(OperationKind.join, () => !this.owner.heldOut(), () => {
      const group = this.owner.group;
      group.join();
      this.owner.contact();
      this.owner.joined();
      this.life.consuming = true;
      // Simplification: every member reads as the leader (the world assigns, not a leader).
      const member = `member-${this.instance}`;
      settle(null, { generation: group.generation, memberId: member, leaderId: member, assignment: group.assignment() });
    }));
  }

  leave(settle: Settle<void>): void {
    this.life.await(new Op(OperationKind.leave, always, () => {
      this.owner.group.leave();
      this.life.consuming = false;
      settle(null);
    }));
  }

  heartbeat(generation: number, settle: Settle<void>): void {
    this.life.await(new Op(OperationKind.heartbeat, always, () => {
      const error = this.memberError(generation);
      if (error === null) this.owner.contact();
      settle(error);
    }));
  }

  fetch(generation: number, positions: readonly PortPosition[], maxRecords: number, settle: Settle<readonly PortBatch[]>): void {
    const broker = this.owner.broker;
    const ready = (): boolean => {
      if (this.memberError(generation) !== null) return true;
      for (const { partition, offset } of positions) if (broker.endOffset(SendTarget.input, partition) > offset || offset < broker.startOffset(SendTarget.input, partition)) return true;
      return false;
    };
    this.life.await(new Op(OperationKind.fetch, ready, () => {
      const error = this.memberError(generation);
      if (error !== null) return settle(error);
      this.owner.contact();
      // A position below the log start (retention deleted it) with nothing after it: what a
      // broker answers, so the client resets it; returning nothing would have the client
      // fetch from there forever. (With records after it, they are returned from the start.)
      for (const { partition, offset } of positions) {
        const start = broker.startOffset(SendTarget.input, partition);
        if (offset < start && broker.endOffset(SendTarget.input, partition) <= start) return settle("OFFSET_OUT_OF_RANGE");
      }
      const batches: PortBatch[] = [];
      for (const { partition, offset } of positions) {
        const start = broker.startOffset(SendTarget.input, partition);
        const records = broker.fetch(SendTarget.input, partition, Math.max(offset, start), Math.min(maxRecords, maxFetchRecords));
        batches.push({ partition, records: records.map((r) => this.inputRecord(r as LogRecord<InputEvent>)), highWatermark: broker.endOffset(SendTarget.input, partition) });
      }
      settle(null, batches);
    }));
  }

  private inputRecord(record: LogRecord<InputEvent>): PortRecord {
    const event = record.value!;
    return {
      offset: record.offset,
      key: bytesOf(event.key),
      value: bytesOf(JSON.stringify(event.payload)),
      headers: { [this.owner.topics.dedupeHeader]: bytesOf(event.dedupeId) },
      timestamp: msAt(record.timestampTicks),
    };
  }

  commit(generation: number, offsets: readonly PortPosition[], settle: Settle<void>): void {
    this.life.await(new Op(OperationKind.commitOffsets, always, () => {
      const error = this.memberError(generation);
      if (error !== null) return settle(error);
      this.owner.contact();
      for (const { partition, offset } of offsets) {
        if (!this.owner.group.commit(generation, partition, offset)) return settle("ILLEGAL_GENERATION");
      }
      settle(null);
    }, coordinatorLane));
  }

  committed(partitions: readonly number[], settle: Settle<readonly number[]>): void {
    this.life.await(new Op(OperationKind.groupRead, always, () => settle(null, partitions.map((p) => this.owner.group.committed(p)))));
  }

  setCommitted(_offsets: readonly PortPosition[], _settle: Settle<void>): void {
    throw this.unsupported("admin.setOffsets/resetOffsets: eosim's group starts with no committed offsets and moves them only through members' commits");
  }

  topicOffsets(topic: string, settle: Settle<readonly PortTopicOffsets[]>): void {
    this.life.await(new Op(OperationKind.groupRead, always, () => {
      const target = this.targetOf(topic);
      if (target === undefined) return settle("UNKNOWN_TOPIC_OR_PARTITION");
      const out: PortTopicOffsets[] = [];
      for (let p = 0; p < this.owner.partitions; p++) out.push({ partition: p, low: this.owner.broker.startOffset(target, p), high: this.owner.broker.endOffset(target, p) });
      settle(null, out);
    }));
  }

  seeked(partition: number, offset: number): void {
    this.owner.history.record(HistoryOp.seek, this.instance, partition, offset);
  }

  inHandler(running: boolean): void {
    this.life.handlers += running ? 1 : -1;
  }

  unsupported(message: string): Error {
    this.life.fatal ??= message;
    return new Error(message);
  }
}
