/**
 * One instance (process) of the service under test: the reference runtime's side of the
 * service-instance seam (`core/service-instance.ts`). Whether it is alive or paused, its disk
 * and its group session as the coordinator sees it belong to the world's host (`sim/host.ts`),
 * which steps it only while it runs.
 *
 * Each `step()` does one thing. Like a real consumer, an instance learns about rebalances
 * only when it polls: after the group's generation moved, it first finishes the input cycles
 * it has in flight (still writing as the owner it believes it is), then revokes and assigns
 * partitions (that is a step of its own), rejoining the group if its session expired. A
 * paused instance does nothing; when resumed after its session expired it is a zombie until
 * that next poll, which is exactly the window fencing must cover. A crashed instance does
 * nothing until restarted, and its session ends at once (the harshest timing for the
 * partitions it held).
 */
import type { ServiceInstance } from "../core/service-instance.ts";
import type { StoreClient } from "../store/store-client.ts";
import { PartitionTask } from "./partition-task.ts";
import type { RuntimeContext } from "./runtime-context.ts";
import { CrashPoint, crashPointNames } from "./task-phase.ts";

export class Instance implements ServiceInstance {
  readonly crashPointNames = crashPointNames;
  /** Left the group on purpose (does not rejoin on its own). */
  private left = false;
  private knownGeneration = -1;
  private tasks: PartitionTask[] = [];
  private cursor = 0;

  constructor(
    readonly id: number,
    private readonly ctx: RuntimeContext,
    readonly disk: StoreClient,
  ) {}

  /** Advance by one step; returns false when the instance had nothing to do. */
  step(): boolean {
    if (this.ctx.group.generation !== this.knownGeneration) {
      const inFlight = this.inFlightTask();
      if (inFlight === undefined) {
        this.syncAssignment();
        return true;
      }
      this.advance(inFlight);
      return true;
    }
    const n = this.tasks.length;
    for (let i = 0; i < n; i++) {
      const task = this.tasks[(this.cursor + i) % n];
      if (this.advance(task)) {
        this.cursor = n === 0 ? 0 : (this.cursor + i + 1) % n;
        return true;
      }
    }
    return false;
  }

  private advance(task: PartitionTask): boolean {
    const progressed = task.advance();
    if (task.fenced) {
      // The broker says a newer owner exists: drop the partition and ask the coordinator.
      this.tasks = this.tasks.filter((t) => t !== task); // rare: allocation is fine here
      this.knownGeneration = -1;
    }
    return progressed;
  }

  /** kill -9: the tasks and what they held in memory are gone (the host crashes the disk and ends the session). */
  kill(): void {
    this.tasks = [];
    this.knownGeneration = -1;
  }

  /** Start again on the disk as it is and rejoin the group. */
  start(): void {
    this.left = false;
    this.ctx.group.join();
  }

  /** Leave the group gracefully and stay out until {@link Instance.join}. */
  leave(): void {
    this.left = true;
    this.ctx.group.leave();
  }

  /** Join the group again. */
  join(): void {
    this.left = false;
    this.ctx.group.join();
  }

  /** The group generation this instance last synced its assignment to (-1: none since it started or was fenced). */
  get generation(): number {
    return this.knownGeneration;
  }

  /** The tasks of the partitions this instance currently runs. */
  get runningTasks(): readonly PartitionTask[] {
    return this.tasks;
  }

  /** The task for `partition`, if this instance runs it. */
  taskFor(partition: number): PartitionTask | undefined {
    for (const task of this.tasks) if (task.partition === partition) return task;
    return undefined;
  }

  /** The first task in the middle of an input's cycle, if any. (A loop, not `find`: this runs every step.) */
  private inFlightTask(): PartitionTask | undefined {
    for (const task of this.tasks) if (task.midCycle) return task;
    return undefined;
  }

  /**
   * Whether a crash now would hit `point`: for a task phase, whether any of its tasks is in
   * it (the crash kills them all, so the next task in turn need not be the one there).
   */
  isAt(point: CrashPoint): boolean {
    if (point === CrashPoint.revokeAssign || point === CrashPoint.idle) return this.crashPoint() === point;
    for (const task of this.tasks) if (task.phase === point) return true;
    return false;
  }

  /** Where a crash now would hit. */
  crashPoint(): CrashPoint {
    if (this.ctx.group.generation !== this.knownGeneration) {
      const inFlight = this.inFlightTask();
      return inFlight === undefined ? CrashPoint.revokeAssign : inFlight.phase;
    }
    if (this.tasks.length === 0) return CrashPoint.idle;
    return this.tasks[this.cursor % this.tasks.length].phase;
  }

  private syncAssignment(): void {
    const { group, options } = this.ctx;
    if (!this.left && !group.isMember()) group.join();
    const generation = group.generation;
    const assigned = group.assignment();
    const cooperative = options.rebalance === "cooperative";
    const next: PartitionTask[] = [];
    for (const partition of assigned) {
      // Cooperative: keep a task only if this instance held the partition without a break since
      // the task last ran (a paused or expired member may have lost it and got it back).
      const held = cooperative ? this.taskFor(partition) : undefined;
      const task = held !== undefined && held.generation >= group.ownedSince(partition) ? held : undefined;
      if (task !== undefined) task.keepAcrossRebalance(generation);
      next.push(task ?? new PartitionTask(this.id, partition, this.ctx, this.disk, generation));
    }
    this.tasks = next;
    this.cursor = 0;
    this.knownGeneration = generation;
  }
}
