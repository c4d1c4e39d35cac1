/**
 * Deterministic partition assignment strategies. Both depend only on the sorted member list
 * and the partition count, so every replay assigns the same way.
 */

/** How partitions are spread over members. */
export type AssignmentStrategy = "range" | "round-robin";

/** `owners[p]` = member owning partition `p`, or -1 when there are no members. */
export function assignPartitions(members: readonly number[], partitions: number, strategy: AssignmentStrategy): number[] {
  const owners = new Array<number>(partitions).fill(-1);
  const n = members.length;
  if (n === 0) return owners;
  if (strategy === "round-robin") {
    for (let p = 0; p < partitions; p++) owners[p] = members[p % n];
    return owners;
  }
  const base = Math.floor(partitions / n);
  const extra = partitions % n;
  let p = 0;
  for (let m = 0; m < n; m++) {
    const count = base + (m < extra ? 1 : 0);
    for (let i = 0; i < count; i++) owners[p++] = members[m];
  }
  return owners;
}
