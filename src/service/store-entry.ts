/**
 * `eosim/store`: the store of the service instance a module runs in, and the external
 * database. Inside eosim's simulation the imports are bound to the instance's own store (one
 * per instance, on its disk) and to the world's database (one, shared, across the network);
 * outside it there is neither, and using them says so.
 */
import type { Database } from "./database-facade.ts";
import type { Store } from "./store-facade.ts";

export type { ScanOptions, Store, StoreReader, StoreTransaction } from "./store-facade.ts";
export type { Database, DatabaseError, DatabaseTransaction } from "./database-facade.ts";
export type { DatabaseErrorCode } from "./database-port.ts";

const outside = (): never => {
  throw new Error("eosim/store is only available to a service running inside eosim's simulation");
};

/** The instance's store (bound by eosim when the service runs in its simulation). */
export const store: Store = { get: outside, scan: outside, transaction: outside, restore: outside, reader: outside };

/** The external database (bound by eosim when the service runs in its simulation). */
export const database: Database = { get: outside, scan: outside, transaction: outside, client: outside };
