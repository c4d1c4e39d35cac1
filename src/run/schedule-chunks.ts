/**
 * The deterministic split of a run's seed space into chunks, which is what lets a run spread
 * over worker threads (`--workers`) and CI machines (`--shard`) without changing what it
 * finds.
 *
 * A run of R schedules with seed S is the chunks 0, 1, ... of {@link chunkSize} schedules
 * each (the last one shorter); chunk k holds schedules kC .. kC + C - 1 of seed S's stream,
 * reached by skipping fast-check's generator ahead (`skip-ahead-random.ts`). Whoever runs a
 * chunk, it generates the same schedules, so the set of schedules a run covers depends only
 * on S and R (and is exactly what one fast-check run of R schedules from S generates), and the
 * failure a run reports is the first failing schedule of the lowest failing chunk, however
 * many workers ran the chunks and in whatever order they finished. Raising R only appends
 * chunks: `--runs 1000` is a prefix of `--runs 2000`. A shard i/n takes the chunks k with
 * k mod n = i - 1.
 */

/** Schedules per chunk: small enough to balance two workers on a few thousand schedules, large enough that dispatch costs nothing. */
export const chunkSize = 100;

/** A slice of the chunks for one CI job: `index` from 1 to `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** One chunk of a run. */
export interface ChunkPlan {
  /** Position of the chunk in the run (0-based); decides which failure is reported first. */
  readonly index: number;
  /** The run's seed (fast-check seed). */
  readonly seed: number;
  /** Position of the chunk's first schedule in the run. */
  readonly firstRun: number;
  /** Schedules in the chunk. */
  readonly size: number;
}

/** The chunks of a run of `runs` schedules from `seed`, restricted to `shard` when given, in index order. */
export function planChunks(runs: number, seed: number, shard: Shard | null = null): ChunkPlan[] {
  const plans: ChunkPlan[] = [];
  const count = Math.ceil(runs / chunkSize);
  for (let index = 0; index < count; index++) {
    if (shard !== null && index % shard.count !== shard.index - 1) continue;
    const firstRun = index * chunkSize;
    plans.push({ index, seed, firstRun, size: Math.min(chunkSize, runs - firstRun) });
  }
  return plans;
}

/** Schedules in chunks 0 .. `index` - 1 of a run of `runs` schedules (whatever the shard). */
export function schedulesBefore(index: number, runs: number): number {
  return Math.min(runs, index * chunkSize);
}

/**
 * The most shards a run can be split into. Far more than any CI matrix, and small enough that
 * a merge can list every shard it expects (a count read from a report is bounded by it too).
 */
export const shardCountMax = 10_000;

/** Parse `i/n` (1 <= i <= n <= {@link shardCountMax}); null when malformed. */
export function parseShard(text: string): Shard | null {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (match === null) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && count <= shardCountMax && index >= 1 && index <= count ? { index, count } : null;
}
