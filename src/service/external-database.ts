/**
 * An external database: one per world, shared by every instance, reached across the
 * simulated network (`database-port.ts`) rather than sitting on an instance's disk. It
 * survives crashes and disk wipes of the instances; what can go wrong is on the way to it
 * and back: a request lost before it arrives, a reply lost after the write happened, a
 * reply so late that the client gave up and the request lands after its own retry.
 *
 * The engine is a small in-memory key/value store with optimistic transactions, enough for
 * the semantics that matter here (atomic commits, versioned keys so a transaction that read
 * a key fails when the key changed before its commit landed). A real engine behind the
 * network layer would add cost per schedule and nothing a schedule can tell apart: the faults
 * that matter are the network's, not the engine's.
 *
 * Every request the database serves is recorded in the history (`databaseRead`,
 * `databaseCommit`), and every read is kept as a fact (who read what, in which session, at
 * which step: `read-facts.ts`), which the monotonic-reads checker judges.
 */
import { type History, Op } from "../core/history.ts";
import { ReadFacts, type ReadSession } from "./read-facts.ts";
import { byKey, type StoreWrite } from "./service-disk.ts";

/** A key a transaction read, with the version it saw (0: absent and never written). */
export type ReadVersion = readonly [namespace: string, key: string, version: number];

/** What a commit request asks for: apply `writes` if every key in `reads` still has its version. */
export interface CommitRequest {
  readonly reads: readonly ReadVersion[];
  readonly writes: readonly StoreWrite[];
}

interface Entry {
  /** Encoded value, or null once deleted. */
  text: string | null;
  version: number;
}

/** Outcome codes of a commit, as histories record them. */
export const CommitResult = { applied: 0, conflict: 1 } as const;

export class ExternalDatabase {
  private readonly namespaces = new Map<string, Map<string, Entry>>();
  private version = 0;
  private readonly delayed: Array<() => void> = [];

  constructor(
    private readonly history: History,
    /** The schedule's intent being played (for read facts). */
    private readonly step: () => number,
    /** Where every read served is recorded. */
    readonly facts: ReadFacts = new ReadFacts(),
  ) {}

  private entry(namespace: string, key: string): Entry | undefined {
    return this.namespaces.get(namespace)?.get(key);
  }

  /**
   * Serve a read of `key` in `session`: its encoded value (undefined when absent) and version.
   * It is a read fact only when its reply reaches the reader (`delivered`): a reader cannot
   * have seen what a lost reply carried.
   */
  read(session: ReadSession, namespace: string, key: string, delivered = true): { readonly text: string | undefined; readonly version: number } {
    const entry = this.entry(namespace, key);
    const version = entry?.version ?? 0;
    const text = entry?.text ?? undefined;
    if (delivered) this.facts.record({ ...session, source: "database", namespace, scan: false, entries: [[key, text ?? null]], step: this.step() });
    this.history.record(Op.databaseRead, session.instance, version, text === undefined ? 0 : 1);
    this.served();
    return { text, version };
  }

  /** Serve a scan: entries of `namespace` with `from <= key < to`, in key order, each with its version. */
  scan(session: ReadSession, namespace: string, from: string | undefined, to: string | undefined, delivered = true): Array<[string, string, number]> {
    const out: Array<[string, string, number]> = [];
    for (const [key, entry] of this.namespaces.get(namespace) ?? []) {
      if (entry.text === null || (from !== undefined && key < from) || (to !== undefined && key >= to)) continue;
      out.push([key, entry.text, entry.version]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (delivered) this.facts.record({ ...session, source: "database", namespace, scan: true, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), entries: out.map(([key, text]) => [key, text] as const), step: this.step() });
    this.history.record(Op.databaseRead, session.instance, -1, out.length);
    this.served();
    return out;
  }

  /** Serve a commit: applied atomically when no key it read changed since, else refused as a conflict. */
  commit(instance: number, request: CommitRequest): (typeof CommitResult)[keyof typeof CommitResult] {
    const result = this.apply(request);
    this.history.record(Op.databaseCommit, instance, result, result === CommitResult.applied ? this.version : request.writes.length);
    this.served();
    return result;
  }

  private apply(request: CommitRequest): (typeof CommitResult)[keyof typeof CommitResult] {
    for (const [namespace, key, version] of request.reads) if ((this.entry(namespace, key)?.version ?? 0) !== version) return CommitResult.conflict;
    if (request.writes.length === 0) return CommitResult.applied;
    const version = ++this.version;
    for (const [namespace, key, text] of request.writes) {
      let ns = this.namespaces.get(namespace);
      if (ns === undefined) this.namespaces.set(namespace, (ns = new Map()));
      ns.set(key, { text, version });
    }
    return CommitResult.applied;
  }

  /**
   * Hold a request back: it is served after the next request the database serves (so after
   * the client's retry), or when the network heals.
   */
  delay(serve: () => void): void {
    this.delayed.push(serve);
  }

  /** Requests held back and not served yet. */
  get delayedCount(): number {
    return this.delayed.length;
  }

  /** Serve every request held back (the network heals). */
  releaseDelayed(): void {
    while (this.delayed.length > 0) this.delayed.shift()!();
  }

  private served(): void {
    if (this.delayed.length === 0) return;
    const due = this.delayed.splice(0, this.delayed.length);
    for (const serve of due) serve();
  }

  /** Decoded copy of a namespace's live entries (for checkers). */
  contents(namespace: string): Map<string, unknown> {
    return new Map(this.entries(namespace).map(([key, text]) => [key, JSON.parse(text)] as const));
  }

  /** Live entries of a namespace in key order, values as JSON text (for reports). */
  entries(namespace: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [key, entry] of this.namespaces.get(namespace) ?? []) if (entry.text !== null) out.push([key, entry.text]);
    return out.sort(byKey);
  }

  /** Names of every namespace that ever held a key, sorted. */
  names(): string[] {
    return [...this.namespaces.keys()].sort();
  }
}
