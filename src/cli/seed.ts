/**
 * Choosing the run's seed: `--seed`, else `EOSIM_SEED`, else a fresh one. Picking a fresh seed
 * is the one place eosim reads real randomness, outside the simulation, and the seed is
 * always printed so the run can be repeated.
 */
import { randomInt } from "node:crypto";
import { BadInputError } from "../scenario/bad-input.ts";
import { seedMax, seedMin } from "./args.ts";

/** A chosen seed and where it came from. */
export interface PickedSeed {
  readonly value: number;
  readonly source: "--seed" | "EOSIM_SEED" | "random";
}

/** Pick the seed of a run. */
export function pickSeed(flag: number | undefined, env: NodeJS.ProcessEnv = process.env): PickedSeed {
  if (flag !== undefined) return { value: flag, source: "--seed" };
  const fromEnv = env.EOSIM_SEED;
  if (fromEnv !== undefined && fromEnv !== "") {
    const n = Number(fromEnv);
    if (!Number.isInteger(n) || n < seedMin || n > seedMax) {
      throw new BadInputError(`EOSIM_SEED must be an integer from ${seedMin} to ${seedMax}, got ${JSON.stringify(fromEnv)}`);
    }
    return { value: n, source: "EOSIM_SEED" };
  }
  return { value: randomInt(0, seedMax), source: "random" };
}
