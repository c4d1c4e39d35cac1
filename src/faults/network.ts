/**
 * The faulty network between senders and the broker. Fault intents arm the next request of
 * one sender kind (input producer, changelog, outputs) with a failure; the request then meets
 * it and the fault is used up. Healing disarms them, so retries in the heal phase get
 * through. The lost-ack, lost-request and ambiguous-error kinds share it.
 */
import { type SendInterceptor, SendOutcome, type SendTarget } from "../broker/send-outcome.ts";
import { type History, Op } from "../core/history.ts";

/** Readable sender kinds, indexed by send target. */
export const sendTargetNames: readonly string[] = ["input", "changelog", "output"];


export class NetworkFaults implements SendInterceptor {
  private readonly armed: SendOutcome[][] = [[], [], []];

  constructor(private readonly history: History) {}

  /** Make the next request from a `target` sender end with `outcome`. */
  arm(target: SendTarget, outcome: SendOutcome): void {
    this.armed[target].push(outcome);
  }

  outcome(target: SendTarget): SendOutcome {
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
