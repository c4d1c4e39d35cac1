import { describe, expect, it } from "vitest";
import { type ChunkTally, foldChunks } from "../../src/run/fold-chunks.ts";

const chunk = (index: number, runs: number, failedAt: number | null, coverage: Record<string, number> = {}): ChunkTally => ({ index, runs, failedAt, coverage });

describe("foldChunks", () => {
  it("counts every chunk of a run without a failure, summing runs and coverage", () => {
    const fold = foldChunks([chunk(0, 100, null, { "fault:crash": 3, "fault:pause": 1 }), chunk(1, 100, null, { "fault:crash": 2 }), chunk(2, 50, null)], []);
    expect(fold.failing).toBeUndefined();
    expect(fold.chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(fold.runs).toBe(250);
    expect(fold.coverage.toJSON()).toEqual({ "fault:crash": 5, "fault:pause": 1 });
    expect(fold.unreached).toEqual([]);
  });

  it("stops at the lowest failing chunk, whatever order the chunks come in, and counts nothing after it", () => {
    // As a merge sees them: shard 2's chunks, then shard 1's; chunks 1 and 3 both failed.
    const chunks = [chunk(1, 37, 36, { "fault:crash": 4 }), chunk(3, 12, 11, { "fault:pause": 9 }), chunk(0, 100, null, { "fault:crash": 1 }), chunk(2, 100, null, { "fault:lost-ack": 7 })];
    const fold = foldChunks(chunks, ["fault:crash", "fault:pause", "fault:lost-ack"]);
    expect(fold.failing).toBe(chunks[0]);
    expect(fold.chunks.map((c) => c.index)).toEqual([0, 1]);
    expect(fold.runs).toBe(137);
    expect(fold.coverage.toJSON()).toEqual({ "fault:crash": 5 });
    // Labels reached only after the failing chunk do not count.
    expect(fold.unreached).toEqual(["fault:pause", "fault:lost-ack"]);
    expect(chunks.map((c) => c.index)).toEqual([1, 3, 0, 2]);
  });

  it("keeps what callers attach to a chunk, so a merge knows which shard found the failure", () => {
    const fold = foldChunks([{ ...chunk(4, 10, 3), from: "shard 2/3" }, { ...chunk(0, 100, null), from: "shard 1/3" }], []);
    expect(fold.failing?.from).toBe("shard 2/3");
    expect(fold.chunks.map((c) => c.from)).toEqual(["shard 1/3", "shard 2/3"]);
  });

  it("lists unreached required labels in the order required, a label with a zero count included", () => {
    const fold = foldChunks([chunk(0, 5, null, { "fault:crash": 0, "crash-point:after-poll": 2 })], ["fault:crash", "crash-point:after-poll", "fault:compaction"]);
    expect(fold.unreached).toEqual(["fault:crash", "fault:compaction"]);
  });

  it("folds no chunks (a time limit before the first) to nothing", () => {
    const fold = foldChunks([], ["fault:crash"]);
    expect(fold).toMatchObject({ chunks: [], failing: undefined, runs: 0, unreached: ["fault:crash"] });
  });
});
