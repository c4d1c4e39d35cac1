/**
 * The consumer group as one member sees it: join, leave, the generation, its assignment,
 * commit an offset under a generation, read a committed offset. The coordinator records every
 * commit it accepts or refuses and every rebalance, which is what the offsets checker judges.
 */

/** One member's connection to the group coordinator. */
export interface GroupClient {
  /** The group's current generation (a member notices a new one when it next asks). */
  readonly generation: number;
  /** Whether this member is in the group now. */
  isMember(): boolean;
  /** Join the group; false when already a member. */
  join(): boolean;
  /** Leave the group; false when not a member. */
  leave(): boolean;
  /** The partitions assigned to this member in the current generation, ascending. */
  assignment(): number[];
  /**
   * The generation since which the current owner of `partition` has held it without a break
   * (what the cooperative protocol tells a member that keeps a partition across a rebalance).
   */
  ownedSince(partition: number): number;
  /** Commit `offset` for `partition` under `generation`; false when the coordinator refuses it. */
  commit(generation: number, partition: number, offset: number): boolean;
  /** The last committed offset of `partition`, or -1 before any commit. */
  committed(partition: number): number;
}
