/**
 * kafkajs 2.2.4's SubscriptionState (src/consumer/subscriptionState.js) for the one topic
 * the group consumes: the assignment, and which partitions are paused. Pausing a whole topic
 * and then resuming some of its partitions resumes just those, as in kafkajs.
 */
export class SubscriptionState {
  private assignedPartitions: number[] = [];
  private readonly pausedPartitions = new Set<number>();
  private readonly resumedPartitions = new Set<number>();
  private pauseAll = false;

  /** Replace the assignment. */
  assign(partitions: readonly number[]): void {
    this.assignedPartitions = [...partitions].sort((a, b) => a - b);
  }

  /** Pause `partitions`, or the whole topic when undefined. */
  pause(partitions: readonly number[] | undefined): void {
    if (partitions === undefined) {
      this.pausedPartitions.clear();
      this.resumedPartitions.clear();
      this.pauseAll = true;
      return;
    }
    for (const p of partitions) {
      this.pausedPartitions.add(p);
      this.resumedPartitions.delete(p);
    }
    this.pauseAll = false;
  }

  /** Resume `partitions`, or the whole topic when undefined. */
  resume(partitions: readonly number[] | undefined): void {
    if (partitions === undefined) {
      this.pausedPartitions.clear();
      this.resumedPartitions.clear();
      this.pauseAll = false;
      return;
    }
    for (const p of partitions) {
      this.pausedPartitions.delete(p);
      if (this.pauseAll) this.resumedPartitions.add(p);
    }
  }

  /** Assigned partitions, ascending. */
  assigned(): number[] {
    return this.assignedPartitions.slice();
  }

  /** Assigned partitions not paused. */
  active(): number[] {
    return this.assignedPartitions.filter((p) => !this.isPaused(p));
  }

  /** Assigned partitions paused. */
  paused(): number[] {
    return this.assignedPartitions.filter((p) => this.isPaused(p));
  }

  /** Is `partition` paused? */
  isPaused(partition: number): boolean {
    return (this.pauseAll && !this.resumedPartitions.has(partition)) || this.pausedPartitions.has(partition);
  }
}
