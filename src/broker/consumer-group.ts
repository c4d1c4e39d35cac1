/**
 * The consumer group coordinator: membership, generations, assignment and committed offsets.
 *
 * Every membership change bumps the generation and reassigns all partitions (the assignment
 * strategy decides who gets what). An offset commit carries the committer's generation and
 * is rejected unless that generation is current and the committer owns the partition: this is
 * the generation fencing that keeps a stale member from moving offsets.
 */
import { type History, Op } from "../core/history.ts";
import { type AssignmentStrategy, assignPartitions } from "./assignment.ts";
import type { GroupClient } from "./group-client.ts";

/** A committed offset and the generation that committed it. */
export interface CommittedOffset {
  readonly offset: number;
  readonly generation: number;
}

export class ConsumerGroup {
  private memberList: number[] = [];
  private owners: number[];
  private readonly ownedSinceGen: number[];
  private gen = 0;
  /** `committed[p]`: last accepted commit for partition p (offset -1 before any). */
  private readonly committed: CommittedOffset[];
  /** Commits rejected by generation fencing. */
  rejectedCommits = 0;

  constructor(
    readonly partitions: number,
    readonly strategy: AssignmentStrategy,
    private readonly history: History,
  ) {
    this.owners = new Array<number>(partitions).fill(-1);
    this.ownedSinceGen = new Array<number>(partitions).fill(0);
    this.committed = [];
    for (let p = 0; p < partitions; p++) this.committed.push({ offset: -1, generation: 0 });
  }

  /** The connection of member `instance`. */
  client(instance: number): GroupClient {
    return new MemberClient(this, instance);
  }

  /** The last accepted commit of `partition` (offset -1 before any). */
  committedOffset(partition: number): CommittedOffset {
    return this.committed[partition];
  }

  /** A copy of every partition's last accepted commit. */
  committedOffsets(): CommittedOffset[] {
    return this.committed.slice();
  }

  /** The current generation (bumped on every membership change). */
  get generation(): number {
    return this.gen;
  }

  /** Current members, sorted. */
  get members(): readonly number[] {
    return this.memberList;
  }

  /** Is `instance` a member? */
  isMember(instance: number): boolean {
    return this.memberList.includes(instance);
  }

  /** The member owning `partition` in the current generation, or -1. */
  ownerOf(partition: number): number {
    return this.owners[partition];
  }

  /** Partitions assigned to `instance` in the current generation. */
  assignmentOf(instance: number): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.partitions; p++) if (this.owners[p] === instance) out.push(p);
    return out;
  }

  /** Add a member; returns false when it already was one. */
  join(instance: number): boolean {
    if (this.isMember(instance)) return false;
    // A fresh sorted array (callers may hold the old one), built without a sort callback.
    const members: number[] = [];
    let placed = false;
    for (const member of this.memberList) {
      if (!placed && instance < member) {
        members.push(instance);
        placed = true;
      }
      members.push(member);
    }
    if (!placed) members.push(instance);
    this.memberList = members;
    this.rebalance();
    return true;
  }

  /** Remove a member; returns false when it was not one. */
  leave(instance: number): boolean {
    if (!this.isMember(instance)) return false;
    const members: number[] = [];
    for (const member of this.memberList) if (member !== instance) members.push(member);
    this.memberList = members;
    this.rebalance();
    return true;
  }

  /** Commit `offset` for `partition`; rejected unless `generation` is current and `instance` owns it. */
  commitOffset(instance: number, generation: number, partition: number, offset: number): boolean {
    const accepted = generation === this.gen && this.owners[partition] === instance;
    if (accepted) this.committed[partition] = { offset, generation };
    else this.rejectedCommits++;
    this.history.record(Op.offsetCommit, instance, partition, accepted ? offset : -offset - 1);
    return accepted;
  }

  /**
   * The generation since which the current owner of `partition` has held it without a break.
   * A member that did not take part in the rebalances since (it was paused, or slow) may keep
   * its work on the partition only if it last saw a generation at or after this one.
   */
  ownedSince(partition: number): number {
    return this.ownedSinceGen[partition];
  }

  private rebalance(): void {
    this.gen++;
    const before = this.owners;
    this.owners = assignPartitions(this.memberList, this.partitions, this.strategy);
    for (let p = 0; p < this.partitions; p++) if (this.owners[p] !== before[p]) this.ownedSinceGen[p] = this.gen;
    this.history.record(Op.rebalance, this.gen, this.memberList.length);
  }
}

/** A client bound to one member. */
class MemberClient implements GroupClient {
  constructor(
    private readonly group: ConsumerGroup,
    private readonly instance: number,
  ) {}

  get generation(): number {
    return this.group.generation;
  }

  isMember(): boolean {
    return this.group.isMember(this.instance);
  }

  join(): boolean {
    return this.group.join(this.instance);
  }

  leave(): boolean {
    return this.group.leave(this.instance);
  }

  assignment(): number[] {
    return this.group.assignmentOf(this.instance);
  }

  ownedSince(partition: number): number {
    return this.group.ownedSince(partition);
  }

  commit(generation: number, partition: number, offset: number): boolean {
    return this.group.commitOffset(this.instance, generation, partition, offset);
  }

  committed(partition: number): number {
    return this.group.committedOffset(partition).offset;
  }
}
