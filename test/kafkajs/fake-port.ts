/**
 * A scripted in-memory world behind the SimPort, for the simulated kafkajs client's tests:
 * topics with partitions of records, one consumer group (this member alone, or this member
 * after a scripted rebalance or expulsion), committed offsets, an idempotence table, and a
 * FIFO queue of pending operations that the test settles one at a time (`settleNext`) or
 * all (`settleAll`, which also runs the fake timers when nothing else can move).
 *
 * A fetch is a long poll: it stays pending until a position has records or the member's
 * generation is over. Produce faults are scripted per call (`produceFaults`).
 */
import { vi } from "vitest";
import type {
  PortBatch,
  PortErrorCode,
  PortJoined,
  PortMessage,
  PortPosition,
  PortRecord,
  PortTopicOffsets,
  Settle,
  SimPort,
} from "../../src/kafkajs/sim-port.ts";

/** A scripted outcome of one produce call. */
export type ProduceFault = "lost-ack" | "lost-request" | PortErrorCode | null;

interface Pending {
  readonly op: string;
  ready(): boolean;
  run(): void;
}

/** The member's standing in the group. */
type Membership = "out" | "in" | "expelled";

export class FakePort implements SimPort {
  readonly instance = 0;
  readonly logs = new Map<string, PortRecord[][]>();
  /** Committed offsets of the group topic (-1: none). */
  committedOffsets: number[];
  generation = 0;
  memberGeneration = -1;
  membership: Membership = "out";
  /** Partitions the next join assigns. */
  assignment: number[];
  /** Outcomes of the next produce calls, in order (null: success). */
  readonly produceFaults: ProduceFault[] = [];
  /** Outcomes of the next commit calls, in order (null: judged normally). */
  readonly commitFaults: Array<PortErrorCode | null> = [];
  /** Every operation started, in order, with its arguments. */
  readonly calls: Array<{ op: string; [field: string]: unknown }> = [];
  /** Commits the group accepted. */
  readonly commits: Array<{ generation: number; offsets: PortPosition[] }> = [];
  readonly unsupportedMessages: string[] = [];
  private readonly pending: Pending[] = [];
  private readonly sequences = new Map<string, { last: number; baseOffsets: Map<number, number> }>();

  constructor(
    topics: Record<string, number>,
    readonly groupTopic: string,
  ) {
    for (const [topic, count] of Object.entries(topics)) this.logs.set(topic, Array.from({ length: count }, () => []));
    const count = topics[groupTopic] ?? 0;
    this.committedOffsets = new Array<number>(count).fill(-1);
    this.assignment = [...Array(count).keys()];
  }

  now(): number {
    return Date.now();
  }

  partitionsOf(topic: string): number | undefined {
    return this.logs.get(topic)?.length;
  }

  topicNames(): readonly string[] {
    return [...this.logs.keys()];
  }

  /** Handlers the client is running now. */
  handlersRunning = 0;

  /** Seeks the client reported, in order. */
  readonly seeksReported: { partition: number; offset: number }[] = [];

  seeked(partition: number, offset: number): void {
    this.seeksReported.push({ partition, offset });
  }

  inHandler(running: boolean): void {
    this.handlersRunning += running ? 1 : -1;
  }

  unsupported(message: string): Error {
    this.unsupportedMessages.push(message);
    return new Error(message);
  }

  /** Append records directly (an upstream producer); returns the first offset. */
  append(topic: string, partition: number, values: readonly string[], key: string | null = null): number {
    const log = this.log(topic, partition);
    const base = log.length;
    for (const value of values) log.push({ key, value, headers: {}, timestamp: Date.now(), offset: log.length });
    return base;
  }

  /** The values in a partition, in offset order. */
  values(topic: string, partition: number): Array<string | null> {
    return this.log(topic, partition).map((r) => r.value);
  }

  /** Move the group to a new generation: this member must rejoin. */
  rebalance(assignment: number[] = this.assignment): void {
    this.generation++;
    this.assignment = assignment;
  }

  /** Expel this member (session timeout): it is unknown until it joins again. */
  expel(): void {
    this.membership = "expelled";
    this.generation++;
  }

  /** Pending operations, oldest first. */
  pendingOps(): string[] {
    return this.pending.map((p) => p.op);
  }

  /** Settle the oldest operation that can settle; false when none can. */
  settleNext(): boolean {
    const at = this.pending.findIndex((p) => p.ready());
    if (at < 0) return false;
    const [op] = this.pending.splice(at, 1);
    op.run();
    return true;
  }

  /**
   * Settle operations in FIFO order, letting the client run between settles; when nothing
   * can settle, run the next fake timer. Stops when idle or after `maxSteps`.
   */
  async settleAll(maxSteps = 500): Promise<number> {
    let steps = 0;
    await flush();
    while (steps < maxSteps) {
      if (this.settleNext()) {
        steps++;
        await flush();
        continue;
      }
      if (vi.getTimerCount() === 0) break;
      await vi.advanceTimersToNextTimerAsync();
      await flush();
      steps++;
    }
    return steps;
  }

  produce(topic: string, partition: number, messages: readonly PortMessage[], sequence: number, settle: Settle<{ baseOffset: number }>): void {
    this.calls.push({ op: "produce", topic, partition, sequence, values: messages.map((m) => m.value), messages });
    const fault = this.produceFaults.shift() ?? null;
    this.enqueue("produce", () => true, () => {
      if (fault === "lost-request") return settle("REQUEST_TIMED_OUT");
      if (fault !== null && fault !== "lost-ack") return settle(fault);
      const baseOffset = this.appendSequenced(topic, partition, messages, sequence);
      if (fault === "lost-ack") settle("REQUEST_TIMED_OUT");
      else settle(null, { baseOffset });
    });
  }

  join(settle: Settle<PortJoined>): void {
    this.calls.push({ op: "join" });
    this.enqueue("join", () => true, () => {
      this.membership = "in";
      this.memberGeneration = this.generation;
      settle(null, { generation: this.generation, memberId: String(this.instance), leaderId: String(this.instance), assignment: this.assignment.slice() });
    });
  }

  leave(settle: Settle<void>): void {
    this.calls.push({ op: "leave" });
    this.enqueue("leave", () => true, () => {
      this.membership = "out";
      settle(null);
    });
  }

  heartbeat(generation: number, settle: Settle<void>): void {
    this.calls.push({ op: "heartbeat", generation });
    this.enqueue("heartbeat", () => true, () => settle(this.fencing(generation, "REBALANCE_IN_PROGRESS")));
  }

  fetch(generation: number, positions: readonly PortPosition[], maxRecords: number, settle: Settle<readonly PortBatch[]>): void {
    this.calls.push({ op: "fetch", generation, positions: positions.map((p) => ({ ...p })) });
    const hasRecords = () => positions.some(({ partition, offset }) => this.log(this.groupTopic, partition).some((r) => r.offset >= offset));
    this.enqueue("fetch", () => this.fencing(generation, "REBALANCE_IN_PROGRESS") !== null || hasRecords(), () => {
      const error = this.fencing(generation, "REBALANCE_IN_PROGRESS");
      if (error !== null) return settle(error);
      const batches = positions.map(({ partition, offset }) => {
        const log = this.log(this.groupTopic, partition);
        return { partition, records: log.filter((r) => r.offset >= offset).slice(0, maxRecords), highWatermark: log.length };
      });
      settle(null, batches);
    });
  }

  commit(generation: number, offsets: readonly PortPosition[], settle: Settle<void>): void {
    this.calls.push({ op: "commit", generation, offsets: offsets.map((o) => ({ ...o })) });
    const fault = this.commitFaults.shift() ?? null;
    this.enqueue("commit", () => true, () => {
      const error = fault ?? this.fencing(generation, "ILLEGAL_GENERATION");
      if (error !== null) return settle(error);
      for (const { partition, offset } of offsets) this.committedOffsets[partition] = offset;
      this.commits.push({ generation, offsets: offsets.map((o) => ({ ...o })) });
      settle(null);
    });
  }

  committed(partitions: readonly number[], settle: Settle<readonly number[]>): void {
    this.calls.push({ op: "committed", partitions: partitions.slice() });
    this.enqueue("committed", () => true, () => settle(null, partitions.map((p) => this.committedOffsets[p] ?? -1)));
  }

  setCommitted(offsets: readonly PortPosition[], settle: Settle<void>): void {
    this.calls.push({ op: "setCommitted", offsets: offsets.map((o) => ({ ...o })) });
    this.enqueue("setCommitted", () => true, () => {
      if (this.membership === "in") return settle("REBALANCE_IN_PROGRESS");
      for (const { partition, offset } of offsets) this.committedOffsets[partition] = offset;
      settle(null);
    });
  }

  topicOffsets(topic: string, settle: Settle<readonly PortTopicOffsets[]>): void {
    this.calls.push({ op: "topicOffsets", topic });
    this.enqueue("topicOffsets", () => true, () =>
      settle(null, (this.logs.get(topic) ?? []).map((log, partition) => ({ partition, low: 0, high: log.length }))),
    );
  }

  /** Operations started of kind `op`. */
  callsOf(op: string): Array<{ op: string; [field: string]: unknown }> {
    return this.calls.filter((c) => c.op === op);
  }

  private fencing(generation: number, stale: PortErrorCode): PortErrorCode | null {
    if (this.membership === "expelled") return "UNKNOWN_MEMBER_ID";
    if (this.membership === "out") return "UNKNOWN_MEMBER_ID";
    return generation < this.generation ? stale : null;
  }

  private appendSequenced(topic: string, partition: number, messages: readonly PortMessage[], sequence: number): number {
    const log = this.log(topic, partition);
    const key = `${topic}/${partition}`;
    const table = this.sequences.get(key) ?? { last: -1, baseOffsets: new Map<number, number>() };
    this.sequences.set(key, table);
    if (sequence >= 0 && sequence <= table.last) return table.baseOffsets.get(sequence) ?? -1;
    const base = log.length;
    for (const m of messages) log.push({ ...m, offset: log.length });
    if (sequence >= 0) {
      table.last = sequence;
      table.baseOffsets.set(sequence, base);
    }
    return base;
  }

  private log(topic: string, partition: number): PortRecord[] {
    const log = this.logs.get(topic)?.[partition];
    if (log === undefined) throw new Error(`fake port: no ${topic}/${partition}`);
    return log;
  }

  private enqueue(op: string, ready: () => boolean, run: () => void): void {
    this.pending.push({ op, ready, run });
  }
}

/** Let every queued microtask and the real event loop's immediates run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
