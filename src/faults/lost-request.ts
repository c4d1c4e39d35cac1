/**
 * Lost request: the request never reaches the broker. Nothing is appended; the sender sees
 * a timeout and retries. Harmless on its own, but it reorders and delays writes. Schedules
 * draw it with retries of the oldest pending send; healing disarms what is still armed.
 */
import { SendOutcome } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import { sendTargetNames } from "./network.ts";
import { retryOldestDraw } from "./retry-draw.ts";

/** `lost-request`: drop the next request of `target` before it is appended. */
export const lostRequestIntent = defineIntent({
  k: "lost-request",
  code: 11,
  fields: { target: field.target },
  describe: (intent) => `lose the next ${sendTargetNames[intent.target]} request before it is appended`,
  apply(world, intent) {
    world.network.arm(intent.target, SendOutcome.notAppended);
    return true;
  },
});

/** The lost-request fault kind. */
export const lostRequestFault = defineFault({
  kind: "lost-request",
  description: "a send never reaches the broker; the sender retries",
  intents: [lostRequestIntent],
  draws: [lostRequestIntent, retryOldestDraw],
  heal: (world) => world.network.disarm(SendOutcome.notAppended),
  coverage: { ops: [Op.lost], bit: () => (_op, _target, outcome) => outcome === SendOutcome.notAppended },
});
