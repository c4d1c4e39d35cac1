/**
 * `eosim/store`: the store of the service instance a module runs in. Inside eosim's
 * simulation the import is bound to the instance's own store (one per instance, on its
 * disk); outside it there is no store, and using it says so.
 */
import type { Store } from "./store-facade.ts";

export type { ScanOptions, Store, StoreTransaction } from "./store-facade.ts";

const outside = (): never => {
  throw new Error("eosim/store is only available to a service running inside eosim's simulation");
};

/** The instance's store (bound by eosim when the service runs in its simulation). */
export const store: Store = { get: outside, scan: outside, transaction: outside, restore: outside };
