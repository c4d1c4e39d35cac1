/**
 * Ambiguous error: the broker appends the request and then answers with an error (a leader
 * change or a timeout after the write). The sender cannot tell it from a failed write.
 */
import { SendOutcome, type SendTarget } from "../broker/send-outcome.ts";
import type { NetworkFaults } from "./network.ts";

/** The next `target` request is appended but answered with an error. */
export function failNextAmbiguously(network: NetworkFaults, target: SendTarget): void {
  network.arm(target, SendOutcome.ambiguous);
}
