/**
 * Lost ACK: the broker appends the request but the reply never arrives. The sender must
 * assume failure and retry, so the write lands twice unless someone deduplicates.
 */
import { SendOutcome, type SendTarget } from "../broker/send-outcome.ts";
import type { NetworkFaults } from "./network.ts";

/** Lose the reply to the next `target` send. */
export function loseNextAck(network: NetworkFaults, target: SendTarget): void {
  network.arm(target, SendOutcome.ackLost);
}
