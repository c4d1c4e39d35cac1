/**
 * Lost request: the request never reaches the broker. Nothing is appended; the sender sees
 * a timeout and retries. Harmless on its own, but it reorders and delays writes.
 */
import { SendOutcome, type SendTarget } from "../broker/send-outcome.ts";
import type { NetworkFaults } from "./network.ts";

/** Drop the next `target` request before it is appended. */
export function loseNextRequest(network: NetworkFaults, target: SendTarget): void {
  network.arm(target, SendOutcome.notAppended);
}
