/**
 * The faulty network between senders and what they send to: the broker, and the external
 * database when the service uses one. Fault intents arm the next request of one target
 * (input producer, changelog, outputs, database) with a failure; the request then meets it
 * and the fault is used up. Healing disarms them, so retries in the heal phase get through.
 * The lost-ack, lost-request, ambiguous-error and delayed-reply kinds share it.
 */
import { type SendInterceptor, SendOutcome, type SendTarget } from "../broker/send-outcome.ts";
import { type History, Op } from "../core/history.ts";

/** Readable request targets, indexed by target: the three send targets, then the database. */
export const sendTargetNames: readonly string[] = ["input", "changelog", "output", "database"];

/** The target of requests to the external database (after the broker's send targets). */
export const databaseTarget = 3;

/** A request target: a broker send target, or the database. */
export type RequestTarget = SendTarget | typeof databaseTarget;

export class NetworkFaults implements SendInterceptor {
  private readonly armed: SendOutcome[][] = [[], [], [], []];

  constructor(private readonly history: History) {}

  /** Make the next request to `target` end with `outcome`. */
  arm(target: RequestTarget, outcome: SendOutcome): void {
    this.armed[target].push(outcome);
  }

  outcome(target: RequestTarget): SendOutcome {
    const queue = this.armed[target];
    if (queue.length === 0) return SendOutcome.acked;
    const outcome = queue.shift()!;
    this.history.record(Op.lost, target, outcome);
    return outcome;
  }

  /** Stop injecting `outcome` (every armed failure of that kind is dropped; the others stay in order). */
  disarm(outcome: SendOutcome): void {
    for (let t = 0; t < this.armed.length; t++) this.armed[t] = this.armed[t].filter((armed) => armed !== outcome);
  }
}
