import { describe, expect, it } from "vitest";
import { ConsumerGroup } from "../../src/broker/consumer-group.ts";
import { History, Op } from "../../src/core/history.ts";

function group(partitions = 4, strategy: "range" | "round-robin" = "range") {
  const history = new History();
  return { g: new ConsumerGroup(partitions, strategy, history), history };
}

function lastRecord(history: History): number[] {
  return history.data.slice(-4);
}

describe("ConsumerGroup", () => {
  it("starts empty at generation 0 with no commits", () => {
    const { g } = group();
    expect(g.generation).toBe(0);
    expect(g.members).toEqual([]);
    expect(g.ownerOf(0)).toBe(-1);
    expect(g.committedOffsets()).toEqual([0, 1, 2, 3].map(() => ({ offset: -1, generation: 0 })));
    expect(g.rejectedCommits).toBe(0);
  });

  it("join bumps the generation, keeps members sorted and reassigns", () => {
    const { g, history } = group(4);
    expect(g.join(2)).toBe(true);
    expect(g.generation).toBe(1);
    expect(g.assignmentOf(2)).toEqual([0, 1, 2, 3]);
    expect(lastRecord(history)).toEqual([Op.rebalance, 1, 1, 0]);
    expect(g.join(0)).toBe(true);
    expect(g.generation).toBe(2);
    expect(g.members).toEqual([0, 2]);
    expect(g.assignmentOf(0)).toEqual([0, 1]);
    expect(g.assignmentOf(2)).toEqual([2, 3]);
    expect(g.isMember(0)).toBe(true);
    expect(g.isMember(1)).toBe(false);
  });

  it("joining twice is a no-op that keeps the generation", () => {
    const { g, history } = group();
    g.join(1);
    const len = history.length;
    expect(g.join(1)).toBe(false);
    expect(g.generation).toBe(1);
    expect(history.length).toBe(len);
  });

  it("leave bumps the generation and moves the partitions to the remaining members", () => {
    const { g } = group(4, "round-robin");
    g.join(0);
    g.join(1);
    expect(g.assignmentOf(1)).toEqual([1, 3]);
    expect(g.leave(1)).toBe(true);
    expect(g.generation).toBe(3);
    expect(g.members).toEqual([0]);
    expect(g.assignmentOf(0)).toEqual([0, 1, 2, 3]);
    expect(g.assignmentOf(1)).toEqual([]);
  });

  it("leaving as a non-member is a no-op", () => {
    const { g } = group();
    g.join(0);
    expect(g.leave(5)).toBe(false);
    expect(g.generation).toBe(1);
  });

  it("the last member leaving leaves every partition unowned", () => {
    const { g } = group(3);
    g.join(0);
    g.leave(0);
    expect([0, 1, 2].map((p) => g.ownerOf(p))).toEqual([-1, -1, -1]);
  });

  it("accepts a commit from the owner in the current generation", () => {
    const { g, history } = group(2);
    g.join(0);
    g.join(1);
    expect(g.commitOffset(1, 2, 1, 17)).toBe(true);
    expect(g.committedOffset(1)).toEqual({ offset: 17, generation: 2 });
    expect(g.committedOffset(0)).toEqual({ offset: -1, generation: 0 });
    expect(g.rejectedCommits).toBe(0);
    expect(lastRecord(history)).toEqual([Op.offsetCommit, 1, 1, 17]);
  });

  it("rejects a commit from a stale generation", () => {
    const { g, history } = group(2);
    g.join(0);
    const stale = g.generation;
    g.join(1);
    g.commitOffset(0, g.generation, 0, 3);
    expect(g.commitOffset(0, stale, 0, 9)).toBe(false);
    expect(g.committedOffset(0)).toEqual({ offset: 3, generation: 2 });
    expect(g.rejectedCommits).toBe(1);
    expect(lastRecord(history)).toEqual([Op.offsetCommit, 0, 0, -10]);
  });

  it("rejects a commit from a member that does not own the partition", () => {
    const { g } = group(2);
    g.join(0);
    g.join(1);
    expect(g.ownerOf(1)).toBe(1);
    expect(g.commitOffset(0, g.generation, 1, 5)).toBe(false);
    expect(g.commitOffset(7, g.generation, 1, 5)).toBe(false);
    expect(g.committedOffset(1).offset).toBe(-1);
    expect(g.rejectedCommits).toBe(2);
  });

  it("rejects a commit from an instance that left, even with the generation it had", () => {
    const { g } = group(1);
    g.join(0);
    g.join(1);
    g.leave(0);
    g.leave(1);
    expect(g.commitOffset(1, g.generation, 0, 1)).toBe(false);
    expect(g.rejectedCommits).toBe(1);
  });
});

describe("GroupClient (one member's connection)", () => {
  it("joins, leaves and reads its assignment as that member", () => {
    const { g } = group(4);
    const c0 = g.client(0);
    const c2 = g.client(2);
    expect(c0.isMember()).toBe(false);
    expect(c0.join()).toBe(true);
    expect(c0.join()).toBe(false);
    expect(c2.join()).toBe(true);
    expect(g.members).toEqual([0, 2]);
    expect(c0.isMember()).toBe(true);
    expect(c0.generation).toBe(g.generation);
    expect(c0.assignment()).toEqual(g.assignmentOf(0));
    expect(c2.assignment()).toEqual(g.assignmentOf(2));
    expect(c2.ownedSince(3)).toBe(g.ownedSince(3));
    expect(c2.leave()).toBe(true);
    expect(c2.leave()).toBe(false);
    expect(c0.assignment()).toEqual([0, 1, 2, 3]);
    expect(c2.assignment()).toEqual([]);
  });

  it("commits under its own name: the owner's commit is accepted, another member's refused, both recorded", () => {
    const { g, history } = group(2);
    const c0 = g.client(0);
    const c1 = g.client(1);
    c0.join();
    c1.join();
    expect(c1.commit(g.generation, 1, 6)).toBe(true);
    expect(lastRecord(history)).toEqual([Op.offsetCommit, 1, 1, 6]);
    expect(c0.commit(g.generation, 1, 9)).toBe(false);
    expect(lastRecord(history)).toEqual([Op.offsetCommit, 0, 1, -10]);
    expect(c0.committed(1)).toBe(6);
    expect(c0.committed(0)).toBe(-1);
    expect(g.committedOffset(1)).toEqual({ offset: 6, generation: g.generation });
  });

  it("committedOffsets is a copy", () => {
    const { g } = group(2);
    const copy = g.committedOffsets();
    copy[0] = { offset: 99, generation: 9 };
    expect(g.committedOffset(0)).toEqual({ offset: -1, generation: 0 });
  });
});
