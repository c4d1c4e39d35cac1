/**
 * Skipping ahead in a run's random stream, so a chunk of a run generates exactly the
 * schedules that one fast-check run over the whole seed would generate at that place.
 *
 * fast-check draws the value of run i from its generator after i + 1 jumps (xorshift128+
 * jumps of 2^64 steps, from the run's seed) and biases early runs by their index. A chunk
 * starting at run r therefore gets a generator jumped r times ahead (this file) and
 * numbers its runs from r (`run-chunk.ts`). Chunks are independent of each other, and a
 * chunked run of seed S is schedule for schedule the plain run of seed S.
 *
 * A jump costs about as much as a few draws; each thread remembers how far it has jumped
 * each seed, so walking through the chunks of a run in order costs one jump per schedule,
 * which fast-check pays anyway.
 */
import type fc from "fast-check";
import { xorshift128plus } from "pure-rand/generator/xorshift128plus";

type Generator = ReturnType<typeof xorshift128plus>;

/** Per seed, the furthest jumped generator this thread has built (a clone is handed out). */
const furthest = new Map<number, { jumps: number; generator: Generator }>();

function jumped(seed: number, jumps: number): Generator {
  const known = furthest.get(seed);
  const start = known !== undefined && known.jumps <= jumps ? known : { jumps: 0, generator: xorshift128plus(seed) };
  const generator = start.generator.clone();
  for (let i = start.jumps; i < jumps; i++) generator.jump();
  if (known === undefined || jumps > known.jumps) furthest.set(seed, { jumps, generator: generator.clone() });
  return generator;
}

/**
 * The generator fast-check starts from, jumped `jumps` times, built on its first use (fast-check
 * also calls the factory once with seed 0 just to inspect what it returns).
 */
class SkippedAhead {
  private generator: Generator | undefined;

  constructor(
    private readonly seed: number,
    private readonly jumps: number,
  ) {}

  private get inner(): Generator {
    this.generator ??= jumped(this.seed, this.jumps);
    return this.generator;
  }

  next(): number {
    return this.inner.next();
  }

  jump(): void {
    this.inner.jump();
  }

  clone(): Generator {
    return this.inner.clone();
  }

  getState(): readonly number[] {
    return this.inner.getState();
  }
}

/** A fast-check `randomType` whose stream starts where run `firstRun` of the same seed would. */
export function randomFromRun(firstRun: number): (seed: number) => fc.RandomGenerator {
  return (seed) => new SkippedAhead(seed, firstRun) as unknown as fc.RandomGenerator;
}
