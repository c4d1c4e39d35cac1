/**
 * The host side of the external database for one life of one instance: every request the
 * service makes becomes an operation of the life, which crosses the faulty network when the
 * simulator settles it. The network decides the request's fate (`faults/network.ts`, target
 * `database`): served and answered; lost before it arrives (a timeout, nothing written);
 * served but its reply lost (a timeout for a write that happened); served and answered with
 * an error; or held back past the client's timeout and served after the next request. A
 * crash before the operation settles means the request was never sent.
 */
import { SendOutcome } from "../broker/send-outcome.ts";
import { databaseTarget, type NetworkFaults } from "../faults/network.ts";
import type { CommitRequest, ExternalDatabase } from "./external-database.ts";
import type { ReadSession } from "./read-facts.ts";
import { CommitResult } from "./external-database.ts";
import { type Life, type Operation, OperationKind } from "./life.ts";

/**
 * Why a database request failed: `TIMEOUT` (no reply: it may or may not have been served),
 * `UNAVAILABLE` (an error reply after the request was served), `CONFLICT` (a transaction's
 * read changed before its commit: nothing was written).
 */
export type DatabaseErrorCode = "TIMEOUT" | "UNAVAILABLE" | "CONFLICT";

/** A reply: an error code, or null and the value. */
export type DatabaseSettle<T> = (error: DatabaseErrorCode | null, value?: T) => void;

/** A read's reply: the encoded value (undefined when absent) and the key's version. */
export interface ReadReply {
  readonly text: string | undefined;
  readonly version: number;
}

/** The database as the in-sandbox facade reaches it. */
export interface DatabasePort {
  /** The instance the life belongs to (the default reader name is `instance-<id>`). */
  readonly instance: number;
  get(reader: string, namespace: string, key: string, settle: DatabaseSettle<ReadReply>): void;
  scan(reader: string, namespace: string, from: string | undefined, to: string | undefined, settle: DatabaseSettle<Array<[string, string, number]>>): void;
  commit(request: CommitRequest, settle: DatabaseSettle<void>): void;
}

class Request implements Operation {
  readonly kind = OperationKind.database;
  readonly lane = 0;
  constructor(
    readonly quiet: boolean,
    readonly run: () => void,
  ) {}
  ready(): boolean {
    return true;
  }
}

export class WorldDatabasePort implements DatabasePort {
  constructor(
    private readonly life: Life,
    private readonly database: ExternalDatabase,
    private readonly network: NetworkFaults,
  ) {}

  get instance(): number {
    return this.life.instance;
  }

  /**
   * Send a request: `serve` runs it at the database and gives the reply, told whether the
   * reply will reach the client; a read is `quiet` (it changes nothing).
   */
  private send<T>(serve: (delivered: boolean) => { error: DatabaseErrorCode | null; value?: T }, settle: DatabaseSettle<T>, quiet = false): void {
    this.life.await(new Request(quiet, () => {
      const outcome = this.network.outcome(databaseTarget);
      if (outcome === SendOutcome.notAppended) return settle("TIMEOUT");
      if (outcome === SendOutcome.delayed) {
        this.database.delay(() => void serve(false));
        return settle("TIMEOUT");
      }
      const reply = serve(outcome === SendOutcome.acked);
      if (outcome === SendOutcome.ackLost) return settle("TIMEOUT");
      if (outcome === SendOutcome.ambiguous) return settle("UNAVAILABLE");
      settle(reply.error, reply.value);
    }));
  }

  private session(reader: string): ReadSession {
    return { reader, instance: this.life.instance, life: this.life.number };
  }

  get(reader: string, namespace: string, key: string, settle: DatabaseSettle<ReadReply>): void {
    this.send((delivered) => ({ error: null, value: this.database.read(this.session(reader), namespace, key, delivered) }), settle, true);
  }

  scan(reader: string, namespace: string, from: string | undefined, to: string | undefined, settle: DatabaseSettle<Array<[string, string, number]>>): void {
    this.send((delivered) => ({ error: null, value: this.database.scan(this.session(reader), namespace, from, to, delivered) }), settle, true);
  }

  commit(request: CommitRequest, settle: DatabaseSettle<void>): void {
    this.send(() => ({ error: this.database.commit(this.instance, request) === CommitResult.applied ? null : "CONFLICT" }), settle);
  }
}
