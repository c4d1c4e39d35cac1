/**
 * Lost ACK: the broker appends the request but the reply never arrives. The sender must
 * assume failure and retry, so the write lands twice unless someone deduplicates. Its
 * intents arm the next send of one sender kind; schedules draw them with retries of the
 * oldest pending send. Healing disarms what is still armed.
 */
import { SendOutcome } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import { type NetworkFaults, type RequestTarget, sendTargetNames } from "./network.ts";
import { retryOldestDraw } from "./retry-draw.ts";

/** Lose the reply to the next `target` send. */
export function loseNextAck(network: NetworkFaults, target: RequestTarget): void {
  network.arm(target, SendOutcome.ackLost);
}

/** `lost-ack`: lose the ACK of the next send of `target`. */
export const lostAckIntent = defineIntent({
  k: "lost-ack",
  code: 4,
  fields: { target: field.target },
  describe: (intent) => `lose the ACK of the next ${sendTargetNames[intent.target]} send`,
  apply(world, intent) {
    loseNextAck(world.network, intent.target);
    return true;
  },
});

/** The lost-ack fault kind. */
export const lostAckFault = defineFault({
  kind: "lost-ack",
  description: "a send is appended but its ACK is lost (input, changelog or output); the sender retries",
  intents: [lostAckIntent],
  draws: [lostAckIntent, retryOldestDraw],
  heal: (world) => world.network.disarm(SendOutcome.ackLost),
  coverage: { ops: [Op.lost], bit: () => (_op, _target, outcome) => outcome === SendOutcome.ackLost },
});
