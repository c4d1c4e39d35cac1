/**
 * The external database as a service sees it: a key/value database with namespaces, shared
 * by every instance and reached across the network, so every call is asynchronous and can
 * fail in the ways network calls fail. Transactions are optimistic: a transaction's reads
 * record the version they saw, and its commit is refused (`CONFLICT`, nothing written) when
 * any of those keys changed before the commit landed, which is how a service fences a
 * stale writer (a zombie, or its own request that overtook a retry).
 *
 * Errors carry a `code` and say whether the request may have been served:
 * - `TIMEOUT`: no reply came (lost request, lost reply, or a reply after the client gave up):
 *   the write may have happened, and may still happen later;
 * - `UNAVAILABLE`: an error reply after the request was served;
 * - `CONFLICT`: a transaction's read changed first; nothing was written.
 *
 * This file runs inside the service's sandbox (its promises are the sandbox's own), so it
 * imports nothing that touches the host; the database is on the host side of the port.
 */
import type { DatabaseErrorCode, DatabasePort } from "./database-port.ts";
import type { ReadVersion } from "./external-database.ts";
import { boundsOf, type ScanOptions, WriteSet } from "./store-facade.ts";

/** An error of a database request. */
export interface DatabaseError extends Error {
  readonly code: DatabaseErrorCode;
  /** Whether the request may have been served (a write may have happened): true but for `CONFLICT`. */
  readonly outcomeUnknown: boolean;
}

/** An optimistic transaction: reads see its own writes; nothing is written until `commit` resolves. */
export interface DatabaseTransaction {
  /** Read a key (from the database, or this transaction's own write); the version read is checked at commit. */
  get<T = unknown>(namespace: string, key: string): Promise<T | undefined>;
  put(namespace: string, key: string, value: unknown): void;
  delete(namespace: string, key: string): void;
  /** Apply every write atomically if no key this transaction read changed since; rejects with a {@link DatabaseError}. */
  commit(): Promise<void>;
}

/** The external database (one per world, shared by every instance). */
export interface Database {
  /** Read a key (a fresh copy), or undefined. */
  get<T = unknown>(namespace: string, key: string): Promise<T | undefined>;
  /** Entries in key order. */
  scan<T = unknown>(namespace: string, options?: ScanOptions): Promise<Array<[string, T]>>;
  transaction(): DatabaseTransaction;
  /** The same database, with its reads recorded under `name` (what the monotonic-reads checker calls a reader). */
  client(name: string): Database;
}

const messages: Record<DatabaseErrorCode, string> = {
  TIMEOUT: "the request timed out (it may have been served, and may still be)",
  UNAVAILABLE: "the database answered with an error after serving the request",
  CONFLICT: "a key the transaction read changed before its commit; nothing was written",
};

function databaseError(code: DatabaseErrorCode, what: string): DatabaseError {
  const error = new Error(`database: ${what}: ${messages[code]}`) as Error & { code: DatabaseErrorCode; outcomeUnknown: boolean };
  error.name = "DatabaseError";
  error.code = code;
  error.outcomeUnknown = code !== "CONFLICT";
  return error;
}

const decode = <T>(text: string | undefined): T | undefined => (text === undefined ? undefined : (JSON.parse(text) as T));

/** The database object a life's service gets, reading as `reader`. */
export function databaseFacade(port: DatabasePort, reader = `instance-${port.instance}`): Database {
  const read = (namespace: string, key: string, what: string) =>
    new Promise<{ text: string | undefined; version: number }>((resolve, reject) => {
      if (typeof namespace !== "string" || typeof key !== "string") throw new TypeError(`database: namespace and key must be strings, got ${typeof namespace} and ${typeof key}`);
      port.get(reader, namespace, key, (error, reply) => (error === null ? resolve(reply!) : reject(databaseError(error, what))));
    });
  return {
    get: <T>(namespace: string, key: string) => read(namespace, key, `get ${namespace} ${key}`).then((reply) => decode<T>(reply.text)),
    scan<T>(namespace: string, options?: ScanOptions) {
      const [from, to] = boundsOf(options);
      return new Promise<Array<[string, T]>>((resolve, reject) =>
        port.scan(reader, namespace, from, to, (error, rows) => (error === null ? resolve(rows!.map(([key, text]) => [key, JSON.parse(text) as T] as [string, T])) : reject(databaseError(error, `scan ${namespace}`)))),
      );
    },
    transaction(): DatabaseTransaction {
      const writes = new WriteSet("database");
      const reads = new Map<string, ReadVersion>();
      return {
        async get<T>(namespace: string, key: string) {
          const own = writes.own(namespace, key);
          if (own !== undefined) return decode<T>(own.text ?? undefined);
          const reply = await read(namespace, key, `get ${namespace} ${key}`);
          // The first version read is the one the commit is checked against.
          const slot = `${namespace}\u0000${key}`;
          if (!reads.has(slot)) reads.set(slot, [namespace, key, reply.version]);
          return decode<T>(reply.text);
        },
        put: (namespace, key, value) => writes.put(namespace, key, value),
        delete: (namespace, key) => writes.delete(namespace, key),
        commit() {
          const list = writes.close();
          if (list instanceof Error) return Promise.reject(list);
          const request = { reads: [...reads.values()], writes: list };
          return new Promise<void>((resolve, reject) => port.commit(request, (error) => (error === null ? resolve() : reject(databaseError(error, "commit")))));
        },
      };
    },
    client: (name: string) => databaseFacade(port, String(name)),
  };
}
