/**
 * The host of one service instance: the lifecycle the world owns (see the model in
 * `core/service-instance.ts`). It knows whether the process is alive and whether it is paused
 * (and since when), holds the disk the process was given, and plays the coordinator's part in
 * the session: a crash ends it at once, and a pause that lasts the session timeout expires it.
 * The service behind it only steps, forgets (`kill`), starts again, joins and leaves.
 *
 * Simplification on purpose: the disk is the machine's and stays the same object for the
 * whole run; a crash loses its uncommitted transactions and a wipe empties it in place, so a
 * service holds on to the disk it was built with.
 */
import type { ConsumerGroup } from "../broker/consumer-group.ts";
import type { VirtualClock } from "../core/clock.ts";
import { type History, Op } from "../core/history.ts";
import { invariant } from "../core/invariant.ts";
import { limits } from "../core/limits.ts";
import type { ServiceInstance } from "../core/service-instance.ts";
import type { InstanceHost } from "../faults/fault-world.ts";

/** What a host needs of the disk it gives its process. */
export interface HostDisk {
  /** The process died: whatever it had not committed is lost. */
  crash(): void;
  /** The disk is replaced by an empty one. */
  wipe(): void;
  /** Namespaces on the disk: the host records how many a wipe removed, so a wipe that empties nothing shows. */
  readonly namespaceCount: number;
}

/** A service that tells the coordinator when it last heard from it (a user's service, which heartbeats itself). */
interface ContactReporting {
  lastContactTicks?(): number;
}

/** What a host needs of the world: where to record, the time, the coordinator's view of sessions. */
export interface HostContext {
  readonly history: History;
  readonly clock: VirtualClock;
  readonly group: Pick<ConsumerGroup, "isMember" | "leave">;
  /** Ticks a paused member keeps its group session. */
  readonly sessionTimeoutTicks: number;
}

export class Host<S extends ServiceInstance & ContactReporting = ServiceInstance, D extends HostDisk = HostDisk> implements InstanceHost {
  alive = true;
  paused = false;
  /** When the current pause began. */
  pausedAtTicks = 0;
  /** When the service began shutting itself down after a SIGTERM (-1: it is not). */
  private stoppingSinceTicks = -1;

  constructor(
    readonly service: S,
    readonly disk: D,
    private readonly ctx: HostContext,
  ) {}

  get id(): number {
    return this.service.id;
  }

  get diskHoldsData(): boolean {
    return this.disk.namespaceCount > 0;
  }

  get member(): boolean {
    return this.ctx.group.isMember(this.service.id);
  }

  aimAt(aim: number): number {
    return this.service.aimAt?.(aim) ?? aim % this.service.crashPointNames.length;
  }

  /** The service is shutting itself down after a SIGTERM (see {@link ServiceInstance.shutdown}). */
  get stopping(): boolean {
    return this.stoppingSinceTicks >= 0;
  }

  step(): boolean {
    if (!this.alive || this.paused) return false;
    const moved = this.service.step();
    return (this.stoppingSinceTicks >= 0 && this.replaceIfExited()) || moved;
  }

  crashPoint(): number {
    return this.service.crashPoint();
  }

  isAt(point: number): boolean {
    return this.service.isAt(point);
  }

  crash(aim?: number): number {
    invariant(this.alive, "crashed a dead instance");
    // The host, not the fault, says where the crash landed: the aimed point only when the
    // service is there (a crash point can be one of several tasks' phases), so a fault cannot
    // label a crash with a point it did not reach.
    const point = aim !== undefined && this.service.isAt(aim) ? aim : this.service.crashPoint();
    this.end(Op.crash, point, aim === undefined ? 0 : aim + 1);
    return point;
  }

  /** The process is gone (`op` says how): memory and uncommitted transactions lost, session ended. */
  private end(op: number, b = 0, c = 0): void {
    this.alive = false;
    this.paused = false;
    this.stoppingSinceTicks = -1;
    this.service.kill();
    this.disk.crash();
    this.ctx.history.record(op, this.id, b, c);
    this.ctx.group.leave(this.id); // the session ends at once: the harshest timing for its partitions
  }

  /**
   * A service that shut itself down has exited: a new process starts on its disk, as an
   * orchestrator replaces a stopped one (a rolling restart). True when it did.
   */
  private replaceIfExited(): boolean {
    if (this.service.shutdown?.() !== "exited") return false;
    this.end(Op.exit);
    this.restart();
    return true;
  }

  /**
   * The end of a shutdown's grace period: a service still shutting itself down
   * {@link limits.shutdownGraceTicks} after its SIGTERM is killed (recorded as a crash where
   * it is) and a new process starts, as an orchestrator does.
   */
  killIfGraceOver(): void {
    if (this.stoppingSinceTicks < 0 || this.ctx.clock.nowTicks - this.stoppingSinceTicks < limits.shutdownGraceTicks) return;
    this.crash();
    this.restart();
  }

  restart(): void {
    invariant(!this.alive, "restarted a running instance");
    this.alive = true;
    this.ctx.history.record(Op.restart, this.id);
    this.service.start();
  }

  wipeDisk(): void {
    invariant(!this.alive, "wiped the disk under a running instance");
    // Counted around the wipe, not reported by it: a wipe that empties nothing leaves the count.
    const before = this.disk.namespaceCount;
    this.disk.wipe();
    this.ctx.history.record(Op.wipe, this.id, before, this.disk.namespaceCount);
  }

  pause(): void {
    invariant(this.alive && !this.paused, "paused an instance that was not running");
    this.paused = true;
    this.pausedAtTicks = this.ctx.clock.nowTicks;
    this.ctx.history.record(Op.pause, this.id);
  }

  resume(): void {
    invariant(this.paused, "resumed an instance that was not paused");
    this.paused = false;
    this.ctx.history.record(Op.unpause, this.id);
  }

  join(): void {
    invariant(this.alive && !this.member, "joined an instance that is down or already a member");
    this.service.join();
  }

  leave(): void {
    invariant(this.alive && this.member, "left an instance that is down or not a member");
    this.service.leave();
    if ((this.service.shutdown?.() ?? "running") === "running") return;
    // The service handles SIGTERM: it shuts down on its own, within the grace period.
    this.stoppingSinceTicks = this.ctx.clock.nowTicks;
    this.ctx.history.record(Op.terminate, this.id);
    this.replaceIfExited();
  }

  /**
   * The coordinator's side of a pause: a member paused for the session timeout loses its
   * session, and so does a service that has not been heard from (no heartbeat, poll or
   * commit) for as long, e.g. one stuck in a long handler.
   */
  expireSessionIfDue(): void {
    const since = this.paused ? this.pausedAtTicks : this.alive ? this.service.lastContactTicks?.() : undefined;
    if (since === undefined || this.ctx.clock.nowTicks - since < this.ctx.sessionTimeoutTicks || !this.member) return;
    this.ctx.history.record(Op.sessionExpired, this.id);
    this.ctx.group.leave(this.id);
  }
}
