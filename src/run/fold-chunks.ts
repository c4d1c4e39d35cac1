/**
 * Folding the chunk results of a run into its totals. A run (`run-scenario.ts`) and a merge of
 * shard reports (`report/shard-report.ts`) fold with this one function, so a merged run
 * reports what the unsharded run would have: chunks count in index order up to and including
 * the lowest failing one (whose failure the run reports; a later chunk that a worker thread or
 * another shard also ran does not count, as one thread would never have run it), their
 * schedules add up, their coverage counts add up, and a required coverage label is missing when
 * no counted chunk reached it.
 */
import { Coverage } from "../report/coverage.ts";

/** What the fold reads of a chunk: a run's `ChunkResult` and a shard report's chunk both have it. */
export interface ChunkTally {
  /** Position of the chunk in the run (0-based). */
  readonly index: number;
  /** Schedules the chunk generated and judged. */
  readonly runs: number;
  /** Position in the chunk of its first failing schedule, or null. */
  readonly failedAt: number | null;
  /** Schedules of the chunk that reached each coverage label. */
  readonly coverage: Readonly<Record<string, number>>;
}

/** The totals of a run's chunks. */
export interface ChunkFold<C extends ChunkTally> {
  /** The chunks that count, in index order: every chunk, or those up to and including the lowest failing one. */
  readonly chunks: readonly C[];
  /** The lowest failing chunk, if any chunk failed. */
  readonly failing: C | undefined;
  /** Schedules of the counted chunks. */
  readonly runs: number;
  /** Coverage counts of the counted chunks. */
  readonly coverage: Coverage;
  /** The labels of `required` that no counted chunk reached, in the order given. */
  readonly unreached: readonly string[];
}

/** Fold `chunks` (in any order, each index once) against the `required` coverage labels (expanded). */
export function foldChunks<C extends ChunkTally>(chunks: readonly C[], required: readonly string[]): ChunkFold<C> {
  const sorted = [...chunks].sort((a, b) => a.index - b.index);
  const failingAt = sorted.findIndex((chunk) => chunk.failedAt !== null);
  const counted = failingAt === -1 ? sorted : sorted.slice(0, failingAt + 1);
  const coverage = new Coverage();
  let runs = 0;
  for (const chunk of counted) {
    runs += chunk.runs;
    for (const [label, count] of Object.entries(chunk.coverage)) coverage.counts.set(label, (coverage.counts.get(label) ?? 0) + count);
  }
  const unreached = required.filter((label) => (coverage.counts.get(label) ?? 0) === 0);
  return { chunks: counted, failing: failingAt === -1 ? undefined : sorted[failingAt], runs, coverage, unreached };
}
