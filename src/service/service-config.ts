/**
 * A user's service in a world: which module to run, how it names its topics, and where eosim
 * reads what it judges. Scenarios resolve to this (`scenario/service-scenario.ts`).
 */

/** The service's topic names and the header carrying each input's dedupe ID. */
export interface ServiceTopics {
  /** The topic the service consumes (eosim's upstream producers write it). */
  readonly input: string;
  /** The topic its outputs go to. */
  readonly output: string;
  /** The changelog topic of its logged store namespaces, if it has one. */
  readonly changelog?: string;
  /** Header carrying the dedupe ID of every input event. */
  readonly dedupeHeader: string;
}

/** Where the state to compare with the model lives. */
export type StateSource =
  /** The namespace `name/<partition>` of each partition's owner's store, or of the external database. */
  | { readonly namespace: string; readonly in: "store" | "database" }
  /** Not readable: the state checkers do not run. */
  | null;

/** A validated service description. */
export interface ServiceConfig {
  /** Absolute path of the service's entry module. */
  readonly module: string;
  /**
   * Named export to call with `{ kafka, store, database, instance }` (dependency injection); undefined
   * when the module starts the service itself at import (the unmodified case).
   */
  readonly start: string | undefined;
  readonly topics: ServiceTopics;
  /** Header carrying each output's ID (what consumers dedupe by). */
  readonly outputIdHeader: string;
  readonly state: StateSource;
  /** The service uses the external database (its requests cross the faulty network). */
  readonly database: boolean;
  /** The reader whose reads must be monotonic, the namespace it reads and each value's version field; null: not judged. */
  readonly monotonicReads: { readonly reader: string; readonly namespace: string; readonly version: string } | null;
  /** Real milliseconds a schedule may run before a synchronous loop in the service is declared stuck. */
  readonly stepBudgetMs: number;
}
