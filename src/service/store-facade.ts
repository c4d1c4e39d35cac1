/**
 * The service store as a service sees it: a durable embedded key/value store on the
 * instance's disk, with namespaces, reads, key-ordered scans and atomic transactions. This
 * file runs inside the service's sandbox (its promises are the sandbox's own), so it imports
 * nothing but types; the store itself is on the host side of the port (`store-port.ts`).
 *
 * A namespace named `name/<partition>` belongs to that partition: it is logged to the
 * changelog topic (when the service has one) and rebuilt by `restore(partition)`.
 * Values must be plain data (JSON: null, booleans, finite numbers, strings, arrays, plain
 * objects); they are stored encoded, so every read is a fresh copy and a `Map`, `Set`,
 * `Date`, class instance or function is refused at the write that tries to store it.
 */
import type { StoreWrite } from "./service-disk.ts";
import type { StorePort } from "./store-port.ts";

/** Options of a scan: keys with `prefix`, or `from <= key < to`. */
export interface ScanOptions {
  readonly prefix?: string;
  readonly from?: string;
  readonly to?: string;
}

/** A transaction: reads see its own writes; nothing is stored until `commit` resolves. */
export interface StoreTransaction {
  get<T = unknown>(namespace: string, key: string): T | undefined;
  put(namespace: string, key: string, value: unknown): void;
  delete(namespace: string, key: string): void;
  /**
   * Apply every write atomically. Resolves once the writes are on the disk and, for a
   * partition's namespaces with a changelog, acknowledged by the changelog; rejects when the
   * changelog refused them because the partition has a newer owner.
   */
  commit(): Promise<void>;
}

/** An instance's store. */
export interface Store {
  /** The committed value of `key` (a fresh copy), or undefined. */
  get<T = unknown>(namespace: string, key: string): T | undefined;
  /** Committed entries in key order. */
  scan<T = unknown>(namespace: string, options?: ScanOptions): Array<[string, T]>;
  /** Start a transaction. */
  transaction(): StoreTransaction;
  /**
   * Bring the namespaces of `partition` up to date with the changelog before using them
   * (call it when the partition is assigned): keeps the local copy when it is current,
   * rebuilds it from the changelog otherwise, and fences writers of older generations.
   */
  restore(partition: number): Promise<void>;
  /**
   * The same store's reads, each recorded as a read of `name` (what the monotonic-reads
   * checker calls a reader): for a service that serves reads of its state to others.
   */
  reader(name: string): StoreReader;
}

/** Reads of a store recorded under a reader's name. */
export interface StoreReader {
  get<T = unknown>(namespace: string, key: string): T | undefined;
  scan<T = unknown>(namespace: string, options?: ScanOptions): Array<[string, T]>;
}

function problemOf(value: unknown, path: string, depth: number): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (typeof value !== "object") return `${path} is a ${typeof value}`;
  if (depth > 64) return `${path} is nested too deep`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = problemOf(value[i], `${path}[${i}]`, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name;
    return `${path} is ${name ? `a ${name}` : "an object with a prototype"}, not plain data`;
  }
  for (const key of Object.keys(value)) {
    const problem = problemOf((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}

/** Encode a value to store (JSON text), refusing anything that is not plain data. */
export function encode(namespace: string, key: string, value: unknown, what = "store"): string {
  if (typeof namespace !== "string" || typeof key !== "string") throw new TypeError(`${what}: namespace and key must be strings, got ${typeof namespace} and ${typeof key}`);
  const problem = problemOf(value, "value", 0);
  if (problem !== null) throw new TypeError(`${what}: ${namespace} ${key}: ${problem}`);
  return JSON.stringify(value);
}

const decode = <T>(text: string | undefined): T | undefined => (text === undefined ? undefined : (JSON.parse(text) as T));

/** The `[from, to)` bounds of a scan. */
export function boundsOf(options: ScanOptions | undefined): [string | undefined, string | undefined] {
  if (options?.prefix !== undefined) return [options.prefix, `${options.prefix}\uffff`];
  return [options?.from, options?.to];
}

/**
 * The writes of one transaction, encoded, last write per key (the store's and the database's
 * transactions both keep one). `what` prefixes its errors ("store", "database").
 */
export class WriteSet {
  private readonly writes = new Map<string, StoreWrite>();
  private done = false;

  constructor(private readonly what: string) {}

  /** This transaction's own write of `key`: `{ text }` (null: deleted), or undefined when it wrote none. */
  own(namespace: string, key: string): { readonly text: string | null } | undefined {
    const write = this.writes.get(`${namespace}\u0000${key}`);
    return write === undefined ? undefined : { text: write[2] };
  }

  put(namespace: string, key: string, value: unknown): void {
    if (this.done) throw new Error(`${this.what}: put on a committed transaction`);
    this.writes.set(`${namespace}\u0000${key}`, [namespace, key, encode(namespace, key, value, this.what)]);
  }

  delete(namespace: string, key: string): void {
    if (this.done) throw new Error(`${this.what}: delete on a committed transaction`);
    this.writes.set(`${namespace}\u0000${key}`, [namespace, key, null]);
  }

  /** Close the transaction for commit: its writes, or an error when it was committed already. */
  close(): StoreWrite[] | Error {
    if (this.done) return new Error(`${this.what}: transaction committed twice`);
    this.done = true;
    return [...this.writes.values()];
  }
}

/** The store object a life's service gets. */
export function storeFacade(port: StorePort): Store {
  return {
    get: <T>(namespace: string, key: string) => decode<T>(port.get(namespace, key)),
    scan<T>(namespace: string, options?: ScanOptions) {
      const [from, to] = boundsOf(options);
      return port.scan(namespace, from, to).map(([key, text]) => [key, JSON.parse(text) as T] as [string, T]);
    },
    reader(name: string): StoreReader {
      const reader = String(name);
      return {
        get: <T>(namespace: string, key: string) => decode<T>(port.get(namespace, key, reader)),
        scan<T>(namespace: string, options?: ScanOptions) {
          const [from, to] = boundsOf(options);
          return port.scan(namespace, from, to, reader).map(([key, text]) => [key, JSON.parse(text) as T] as [string, T]);
        },
      };
    },
    transaction(): StoreTransaction {
      const writes = new WriteSet("store");
      return {
        get<T>(namespace: string, key: string) {
          const own = writes.own(namespace, key);
          return own === undefined ? decode<T>(port.get(namespace, key)) : decode<T>(own.text ?? undefined);
        },
        put: (namespace, key, value) => writes.put(namespace, key, value),
        delete: (namespace, key) => writes.delete(namespace, key),
        commit() {
          const list = writes.close();
          if (list instanceof Error) return Promise.reject(list);
          return new Promise<void>((resolve, reject) => port.commit(list, (error) => (error === null ? resolve() : reject(new Error(`store: changelog write refused (${error}): the partition has a newer owner`)))));
        },
      };
    },
    restore(partition: number) {
      return new Promise<void>((resolve, reject) => port.restore(partition, (error) => (error === null ? resolve() : reject(new Error(`store: restore of partition ${partition} fenced (${error}): the partition has a newer owner`)))));
    },
  };
}
