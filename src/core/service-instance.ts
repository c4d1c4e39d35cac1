/**
 * The service-instance seam: how the simulated world drives one instance of the service under
 * test. The reference runtime (`runtime/instance.ts`) implements it; a user's own async service
 * (through the simulated kafkajs client and the deterministic scheduler) is meant to be the
 * other implementation, run with the same intents, faults and phases.
 *
 * The model splits an instance in two:
 *
 * - The **host** (the machine, owned by the world, `sim/host.ts`): whether the process is
 *   alive, whether it is paused (a stalled VM or a long GC pause) and since when, the disk
 *   the process was given, and the group session as the coordinator sees it. A crash is the
 *   world's act: the host marks the process dead, the disk loses its uncommitted
 *   transactions, the crash is recorded and the coordinator ends the session at once. A
 *   session also expires when the host stays paused for the session timeout. A disk wipe
 *   empties the disk in place while the process is down. Pausing, resuming and stepping a
 *   dead or paused process are the host's business: the service never sees them.
 * - The **service** (the process, this interface): its own work, one step at a time, and
 *   what is in its memory. It is told when its memory is gone (`kill`) and when it starts
 *   again (`start`) on the disk it was given at construction, which holds whatever survived.
 *   It joins and leaves the group itself, through its own group client, because that is
 *   where a real consumer decides to (re)join: a graceful `leave` keeps it out until `join`,
 *   while a member the coordinator expelled (crash, expired session) rejoins on its own when
 *   it next polls. It reports where a crash would hit it, as a numeric crash point code that
 *   indexes `crashPointNames`; the world records the code, and aims crashes at a code by
 *   stepping until `isAt` holds.
 *
 * Nothing here knows about the broker, the store or the group: the service reaches those
 * through the clients it was built with, and the world calls only these methods. Everything
 * is synchronous: for an async service, `step` settles one pending operation and runs until
 * quiescent.
 */

/** Where a service's own shutdown stands (see {@link ServiceInstance.shutdown}). */
export type ShutdownState = "running" | "stopping" | "exited";

/** One instance of the service under test, as the world drives it. */
export interface ServiceInstance {
  /** The instance's index in the world, which is also its member id in the group. */
  readonly id: number;
  /**
   * Do one step of work (a poll, a process, a commit, a send; for async code, settle one
   * pending operation). Called only while the host is alive and not paused. False when the
   * instance had nothing to do.
   */
  step(): boolean;
  /** The process was killed (kill -9): forget everything held in memory. Its session is ended by the world. */
  kill(): void;
  /** The process starts again on its disk (as the crash or wipe left it) and joins the group. */
  start(): void;
  /**
   * Leave the group gracefully; stay out until {@link ServiceInstance.join}. Called only on a
   * live member. A service that handles SIGTERM may instead shut down on its own, as it does
   * when a deploy stops it ({@link ServiceInstance.shutdown}).
   */
  leave(): void;
  /**
   * Where a shutdown the service began on {@link ServiceInstance.leave} stands: `"stopping"`
   * while its own code shuts it down (it still steps), `"exited"` once the process ended, when
   * the host starts a new one on the disk, as an orchestrator replaces a stopped process.
   * Absent, or `"running"`: a leave keeps the process running outside the group.
   */
  shutdown?(): ShutdownState;
  /** Join the group (after a leave or after the coordinator expelled it). Called only on a live non-member. */
  join(): void;
  /** The crash point a crash now would hit: a code indexing {@link ServiceInstance.crashPointNames}. */
  crashPoint(): number;
  /**
   * The crash point an aimed crash drawn with `aim` (1 and up, from the intent) steps toward.
   * Absent (the reference runtime, whose points are known ahead): `aim` wrapped around
   * {@link ServiceInstance.crashPointNames}. A user's service aims among the points it has
   * stood at, since its points are the awaits its code makes.
   */
  aimAt?(aim: number): number;
  /** Whether a crash now would hit crash point `point` (possibly not the one `crashPoint` names, e.g. another task's). */
  isAt(point: number): boolean;
  /** Readable names of the crash points this service reports, indexed by code (recorded codes: append, never renumber). */
  readonly crashPointNames: readonly string[];
}
