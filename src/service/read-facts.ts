/**
 * What services read, as facts for checkers: every read of the external database, and every
 * read of an instance's own store made through a named reader (`store.reader(name)`), with
 * who read (the reader's name, the instance and its life: one life is one session), what (a
 * key, or a scan of a namespace's range) and what came back. The monotonic-reads checker
 * judges them; nothing in the simulation reads them back.
 */

/** Who reads: a reader's name on one life of one instance (one session). */
export interface ReadSession {
  /** The reader's name (`instance-<id>` for a database client without one). */
  readonly reader: string;
  readonly instance: number;
  /** The instance's life (1 = first start): reads of one life are one session. */
  readonly life: number;
}

/** One read a service made. */
export interface ReadFact extends ReadSession {
  /** What was read: the external database, or the instance's own store. */
  readonly source: "database" | "store";
  readonly namespace: string;
  /**
   * A scan: `entries` holds every key of the range `[from, to)` that was present (others were
   * absent). A get: `entries` holds the one key, its value null when it was absent.
   */
  readonly scan: boolean;
  readonly from?: string;
  readonly to?: string;
  /** Keys and their values as JSON text (null: absent). */
  readonly entries: readonly (readonly [key: string, value: string | null])[];
  /** Index of the schedule's intent being played (the last one during the heal and the drain). */
  readonly step: number;
  /** Virtual time of the read, in ticks. */
  readonly ticks: number;
}

/** The read facts of one run, in the order the reads were served. */
export class ReadFacts {
  readonly facts: ReadFact[] = [];

  /** `nowTicks`: the world's virtual time, stamped on every fact. */
  constructor(private readonly nowTicks: () => number = () => 0) {}

  record(fact: Omit<ReadFact, "ticks">): void {
    this.facts.push({ ...fact, ticks: this.nowTicks() });
  }
}
