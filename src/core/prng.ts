/**
 * Named pseudo-random sub-streams.
 *
 * Every random choice inside the simulation draws from a stream named after the component
 * that makes it (`${root}/broker`, `${root}/runtime`, ...). Streams are independent, so a new
 * draw added to one component never shifts the values another component sees, and replay
 * from a seed stays byte-identical. This file and `clock.ts` are the only places in the
 * simulation where randomness or time exist.
 */
import seedrandom from "seedrandom";

/** A deterministic random source. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
}

/**
 * One named sub-stream, seeded on its first draw: seeding hashes the name, and most runs
 * never draw from most streams (a world is built for every schedule).
 */
class SubStream implements Rng {
  private prng: seedrandom.PRNG | undefined;

  constructor(private readonly seed: string) {}

  next(): number {
    this.prng ??= seedrandom.alea(this.seed);
    return this.prng();
  }

  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }
}

/** Create the sub-stream `name` of the root seed `root`. */
export function subStream(root: number, name: string): Rng {
  return new SubStream(`${root}/${name}`);
}

/** Lazily created named sub-streams of one root seed (creating a stream costs a hash of its name). */
export class Streams {
  private readonly streams = new Map<string, Rng>();
  constructor(readonly root: number) {}

  /** The stream for `name`, created on first use. */
  get(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      rng = subStream(this.root, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
