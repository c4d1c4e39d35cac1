/**
 * One instance (process) of the service under test.
 *
 * Each `step()` does one thing: if the group's generation moved since the instance last
 * looked, it revokes and assigns partitions (that is the step); otherwise it advances the
 * next partition task, round-robin, that has work. Talking to the coordinator on every step
 * means a live member never acts on a stale assignment; a crashed instance does nothing until
 * restarted, and its session ends at once (the group rebalances immediately), which is the
 * harshest timing for the partitions it held.
 */
import { Op } from "../core/history.ts";
import type { Disk } from "../store/disk.ts";
import { PartitionTask } from "./partition-task.ts";
import type { RuntimeContext } from "./runtime-context.ts";
import { CrashPoint } from "./task-phase.ts";

export class Instance {
  alive = true;
  private knownGeneration = -1;
  private tasks: PartitionTask[] = [];
  private cursor = 0;

  constructor(
    readonly id: number,
    private readonly ctx: RuntimeContext,
    public disk: Disk,
  ) {}

  /** Advance by one step; returns false when the instance had nothing to do. */
  step(): boolean {
    if (!this.alive) return false;
    if (this.ctx.group.generation !== this.knownGeneration) {
      this.syncAssignment();
      return true;
    }
    const n = this.tasks.length;
    for (let i = 0; i < n; i++) {
      const task = this.tasks[(this.cursor + i) % n];
      if (task.advance()) {
        this.cursor = (this.cursor + i + 1) % n;
        return true;
      }
    }
    return false;
  }

  /** kill -9: memory and uncommitted work are gone, the session ends. */
  crash(): CrashPoint {
    const point = this.crashPoint();
    this.alive = false;
    this.tasks = [];
    this.knownGeneration = -1;
    this.disk.crash();
    this.ctx.history.record(Op.crash, this.id, point);
    this.ctx.group.leave(this.id);
    return point;
  }

  /** Start again on the same disk and rejoin the group. */
  restart(): void {
    this.alive = true;
    this.ctx.history.record(Op.restart, this.id);
    this.ctx.group.join(this.id);
  }

  /** The tasks of the partitions this instance currently runs. */
  get runningTasks(): readonly PartitionTask[] {
    return this.tasks;
  }

  /** The task for `partition`, if this instance runs it. */
  taskFor(partition: number): PartitionTask | undefined {
    return this.tasks.find((t) => t.partition === partition);
  }

  /** Where a crash now would hit. */
  crashPoint(): CrashPoint {
    if (this.ctx.group.generation !== this.knownGeneration) return CrashPoint.revokeAssign;
    if (this.tasks.length === 0) return CrashPoint.idle;
    return this.tasks[this.cursor % this.tasks.length].phase;
  }

  private syncAssignment(): void {
    const { group, options } = this.ctx;
    const generation = group.generation;
    const assigned = group.assignmentOf(this.id);
    const kept = options.rebalance === "cooperative" ? this.tasks.filter((t) => assigned.includes(t.partition)) : [];
    const next: PartitionTask[] = [];
    for (const partition of assigned) {
      const task = kept.find((t) => t.partition === partition);
      if (task !== undefined) task.generation = generation;
      next.push(task ?? new PartitionTask(this.id, partition, this.ctx, this.disk, generation));
    }
    this.tasks = next;
    this.cursor = 0;
    this.knownGeneration = generation;
  }
}
