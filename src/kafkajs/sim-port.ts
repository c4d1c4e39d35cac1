/**
 * The port: how the simulated kafkajs client (and the store facade) inside a service's
 * sandbox reach the simulated world. It is the only thing the in-sandbox code holds of the
 * world, and it is plain synchronous calls: an operation that takes time takes a `settle`
 * callback, which the simulator calls exactly once, later, at a step of its choosing, or
 * never (the instance crashed: kill -9 leaves every pending operation pending forever).
 *
 * Why callbacks, not promises: the client runs inside the service's sandbox (its own realm,
 * whose microtasks the simulator drains synchronously between steps), so every promise the
 * service awaits must be a promise of that realm. The client creates them; the host only
 * calls back.
 *
 * Errors are kafkajs's protocol error type names (`REBALANCE_IN_PROGRESS`, ...); the client
 * turns them into kafkajs's error classes. Topics are named as the service names them;
 * partitions are numbers, offsets are numbers here (the client shows them as decimal strings).
 */

/** An error a port operation settles with: a kafkajs protocol error type, or a client-side condition. */
export type PortErrorCode =
  | "REBALANCE_IN_PROGRESS"
  | "ILLEGAL_GENERATION"
  | "UNKNOWN_MEMBER_ID"
  | "REQUEST_TIMED_OUT"
  | "NETWORK_EXCEPTION"
  | "NOT_LEADER_FOR_PARTITION"
  | "INVALID_PRODUCER_EPOCH"
  | "OUT_OF_ORDER_SEQUENCE_NUMBER"
  | "UNKNOWN_TOPIC_OR_PARTITION"
  | "OFFSET_OUT_OF_RANGE";

/** Called once when an operation settles: an error code, or null and the value. */
export type Settle<T> = (error: PortErrorCode | null, value?: T) => void;

/**
 * A message as it crosses the port. Keys, values and header values are byte strings (one
 * char per byte, latin1), so any Buffer survives the trip exactly; the client converts to
 * and from Buffers.
 */
export interface PortMessage {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Timestamp in virtual ms (a decimal string in kafkajs's payloads). */
  readonly timestamp: number;
}

/** A record fetched from a partition. */
export interface PortRecord extends PortMessage {
  readonly offset: number;
}

/** Where a consumer reads one partition from. */
export interface PortPosition {
  readonly partition: number;
  readonly offset: number;
}

/** What one partition gave a fetch. */
export interface PortBatch {
  readonly partition: number;
  /** Records from the position, in offset order (possibly empty). */
  readonly records: readonly PortRecord[];
  /** The partition's end offset (kafkajs's high watermark) when fetched. */
  readonly highWatermark: number;
}

/** What joining (or re-joining) the group gave the member. */
export interface PortJoined {
  readonly generation: number;
  readonly memberId: string;
  readonly leaderId: string;
  /** Partitions of the subscribed topic assigned to this member, ascending. */
  readonly assignment: readonly number[];
}

/** A partition's offsets (kafkajs's fetchTopicOffsets). */
export interface PortTopicOffsets {
  readonly partition: number;
  /** The lowest offset still in the log. */
  readonly low: number;
  /** The end offset (next offset to be written). */
  readonly high: number;
}

/** The simulated world as the client inside one instance's sandbox sees it. */
export interface SimPort {
  /** The instance's index in the world (also its member id in the group). */
  readonly instance: number;
  /** Virtual wall-clock time in ms (what `Date.now()` gives inside the sandbox). */
  now(): number;
  /** Partition count of `topic`, or undefined when the world has no such topic. */
  partitionsOf(topic: string): number | undefined;
  /** Every topic name the world has. */
  topicNames(): readonly string[];
  /** The topic the world's consumer group consumes (the scenario's input topic). */
  readonly groupTopic: string;

  /**
   * Send one produce request to one partition (all messages land together, or none). The
   * outcome is the network's and the broker's: a lost ACK appends and settles with
   * `REQUEST_TIMED_OUT`, a lost request settles the same without appending, an ambiguous
   * error appends and settles with `NETWORK_EXCEPTION`. `sequence` >= 0 makes the request
   * idempotent (kafkajs `idempotent: true`; the client numbers each partition's requests and
   * reuses the number on retry); -1 sends without.
   */
  produce(topic: string, partition: number, messages: readonly PortMessage[], sequence: number, settle: Settle<{ baseOffset: number }>): void;

  /**
   * Join the group (join + sync): settles once the coordinator lets this member in (not
   * while the world holds it out after a graceful leave) with the generation and assignment.
   */
  join(settle: Settle<PortJoined>): void;
  /** Leave the group gracefully (consumer disconnect or stop). */
  leave(settle: Settle<void>): void;
  /**
   * Heartbeat under `generation`: settles with `REBALANCE_IN_PROGRESS` when the group moved
   * to a newer generation, `UNKNOWN_MEMBER_ID` when the member is no longer in the group.
   * Counts as contact with the coordinator (what keeps the session alive).
   */
  heartbeat(generation: number, settle: Settle<void>): void;
  /**
   * Fetch from the group topic at `positions` (a long poll): settles when some position has
   * records, or with `REBALANCE_IN_PROGRESS` / `UNKNOWN_MEMBER_ID` when the member must
   * rejoin. A pending fetch counts as contact. At most `maxRecords` records per partition.
   */
  fetch(generation: number, positions: readonly PortPosition[], maxRecords: number, settle: Settle<readonly PortBatch[]>): void;
  /**
   * Commit offsets (the next offset to consume, per partition) under `generation`: settles
   * with `ILLEGAL_GENERATION` for a stale generation, `UNKNOWN_MEMBER_ID` for a member the
   * group expelled, `REBALANCE_IN_PROGRESS` while it rebalances. Counts as contact.
   */
  commit(generation: number, offsets: readonly PortPosition[], settle: Settle<void>): void;
  /** The group's committed offsets of `partitions` (-1 for none), in the same order. */
  committed(partitions: readonly number[], settle: Settle<readonly number[]>): void;
  /** Admin: set the group's committed offsets (allowed only while no member consumes). */
  setCommitted(offsets: readonly PortPosition[], settle: Settle<void>): void;
  /** Admin: low and high offsets of every partition of `topic`. */
  topicOffsets(topic: string, settle: Settle<readonly PortTopicOffsets[]>): void;

  /** The consumer's position on `partition` moved to `offset` by a seek (the simulator records it: reading may jump there). */
  seeked(partition: number, offset: number): void;

  /**
   * The client starts (`true`) or finished (`false`) running one of the service's handlers
   * (eachMessage, eachBatch). A handler still running when the world has nothing left to do
   * can never finish: the simulator stops the run and names it.
   */
  inHandler(running: boolean): void;

  /**
   * Record a misuse the run cannot go on with (a transaction, an unsupported API): the
   * simulator stops the run with this one-line message (exit 2) after the current step.
   * Returns an Error to throw at the call site, so the service also stops there.
   */
  unsupported(message: string): Error;
}
