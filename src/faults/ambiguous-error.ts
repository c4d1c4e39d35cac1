/**
 * Ambiguous error: the broker appends the request and then answers with an error (a leader
 * change or a timeout after the write). The sender cannot tell it from a failed write.
 * Schedules draw it with retries of the oldest pending send; healing disarms what is still
 * armed.
 */
import { SendOutcome } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import { sendTargetNames } from "./network.ts";
import { retryOldestDraw } from "./retry-draw.ts";

/** `ambiguous-error`: append the next send of `target`, then answer with an error. */
export const ambiguousErrorIntent = defineIntent({
  k: "ambiguous-error",
  code: 12,
  fields: { target: field.target },
  describe: (intent) => `append the next ${sendTargetNames[intent.target]} send but answer with an error`,
  apply(world, intent) {
    world.network.arm(intent.target, SendOutcome.ambiguous);
    return true;
  },
});

/** The ambiguous-error fault kind. */
export const ambiguousErrorFault = defineFault({
  kind: "ambiguous-error",
  description: "a send is appended, then answered with an error; the sender retries",
  intents: [ambiguousErrorIntent],
  draws: [ambiguousErrorIntent, retryOldestDraw],
  heal: (world) => world.network.disarm(SendOutcome.ambiguous),
  coverage: { ops: [Op.lost], bit: () => (_op, _target, outcome) => outcome === SendOutcome.ambiguous },
});
