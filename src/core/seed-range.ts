/**
 * The range of seeds: 32-bit signed integers, fast-check's seed space. A run's seed (`--seed`,
 * `EOSIM_SEED`) and a schedule's own seed (what `fc.integer()` draws) both lie in it, so a
 * repro file or a scenario's fixed schedule naming a seed outside it is bad input.
 */

/** The smallest seed. */
export const seedMin = -2147483648;
/** The largest seed. */
export const seedMax = 2147483647;
