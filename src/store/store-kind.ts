/**
 * Which implementation keeps an instance's store (the scenario's `store` option): the
 * simulated in-memory disk, or an embedded SQLite database per simulated disk. Both have the
 * same semantics (atomic commits, a crash loses only what was not committed, a wipe loses
 * everything) and give the same history for the same schedule.
 */

/** The store implementations a scenario can select. */
export const storeKinds = ["memory", "sqlite"] as const;

/** A store implementation. */
export type StoreKind = (typeof storeKinds)[number];
