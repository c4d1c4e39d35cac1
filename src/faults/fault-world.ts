/**
 * What faults may touch: the world as a fault sees it. The simulation's `World` implements
 * it; faults never reach into instances, the broker or the group otherwise, so a fault works
 * the same whichever service runs behind the hosts (see `core/service-instance.ts`).
 *
 * Indices in intents wrap around the topology (`hostAt`, `producerAt`, `partitionAt`), so
 * every intent names something that exists. Host methods assert their preconditions
 * (`crash` a live host, `restart` a dead one, ...); deciding whether an intent applies, and
 * recording a no-op when it does not, is the fault's job.
 */
import type { NetworkFaults } from "./network.ts";

/** One instance's host: the world-owned lifecycle of a service instance (`sim/host.ts`). */
export interface InstanceHost {
  readonly id: number;
  /** The process runs (not crashed). */
  readonly alive: boolean;
  /** The process is stalled: it keeps its memory but does not step. */
  readonly paused: boolean;
  /** The coordinator counts the instance as a group member. */
  readonly member: boolean;
  /**
   * The service shuts itself down after a graceful leave sent it SIGTERM (it handles the
   * signal); the host starts a new process once it exits, so it must not be joined meanwhile.
   */
  readonly stopping: boolean;
  /** The disk holds something (a namespace): a wipe would empty it. */
  readonly diskHoldsData: boolean;
  /** The crash point an aimed crash drawn with `aim` (1 and up) steps the service toward. */
  aimAt(aim: number): number;
  /** Step the service once; false when it did nothing (or is dead or paused). */
  step(): boolean;
  /** The crash point a crash now would hit. */
  crashPoint(): number;
  /** Whether a crash now would hit `point`. */
  isAt(point: number): boolean;
  /**
   * kill -9 a live process; returns the crash point it hit, which is `aim` (the point an
   * aimed crash stepped it toward) when the process is there, else where it is. Both are
   * recorded, so coverage can tell an aimed crash that hit from one that missed.
   */
  crash(aim?: number): number;
  /** Start a dead process again on its disk. */
  restart(): void;
  /** Empty the disk of a dead process. */
  wipeDisk(): void;
  /** Stall a live, running process. */
  pause(): void;
  /** Let a paused process run again. */
  resume(): void;
  /** A live non-member joins the group. */
  join(): void;
  /** A live member leaves the group gracefully (a service that handles SIGTERM shuts down instead). */
  leave(): void;
}

/** An upstream producer as faults see it. */
export interface FaultProducer {
  /** Resend pending send `index` (0 = oldest, wrapping); false when nothing is pending. */
  retry(index: number): boolean;
  /** Re-publish the event created `distance` events ago (wrapping around) as a new message; false before the first event. */
  republish(distance: number): boolean;
}

/** The world as faults see it. */
export interface FaultWorld {
  /** The network between senders and the broker (and the external database). */
  readonly network: NetworkFaults;
  /** Whether the service reaches an external database (faults aimed at it can bite). */
  readonly hasDatabase: boolean;
  /** Serve every database request held back by a delayed reply (nothing without a database). */
  releaseDelayedRequests(): void;
  /** Every instance's host, by index. */
  readonly hosts: readonly InstanceHost[];
  /** The host an intent's instance index names. */
  hostAt(index: number): InstanceHost;
  /** The producer an intent's producer index names. */
  producerAt(index: number): FaultProducer;
  /** The partition an intent's partition index names. */
  partitionAt(index: number): number;
  /** Partitions of the input and changelog topics. */
  readonly partitionCount: number;
  /** Whether the group's current assignment gives `instance` (a host's id) at least one partition. */
  hasAssignment(instance: number): boolean;
  /** Let `ticks` of virtual time pass (sessions of members paused for too long then expire). */
  wait(ticks: number): void;
  /** Run the log cleaner on changelog `partition` now; returns the records removed. */
  compactChangelog(partition: number): number;
  /** The group's committed offset of input `partition` (-1 before any commit). */
  committedOffset(partition: number): number;
  /** The log start offset of input `partition`. */
  inputLogStart(partition: number): number;
  /** Delete the records of input `partition` below `offset` (retention). */
  truncateInput(partition: number, offset: number): void;
}
