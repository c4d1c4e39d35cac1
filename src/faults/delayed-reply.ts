/**
 * Delayed reply: a request to the external database takes longer than the client waits. The
 * client sees a timeout and, usually, retries; the first request is still on its way and
 * lands after the next request the database serves (the retry, or whatever came first), so a
 * stale write can overtake a newer one. Only a service with an external database meets it;
 * healing lands every request still held back.
 */
import { SendOutcome } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { defineIntent } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";
import { databaseTarget } from "./network.ts";

/** `delay-reply`: hold back the next database request until after the one that follows it. */
export const delayReplyIntent = defineIntent({
  k: "delay-reply",
  code: 18,
  fields: {},
  describe: () => "delay the next database request past the client's timeout (it lands after the next request)",
  apply(world) {
    if (!world.hasDatabase) return false;
    world.network.arm(databaseTarget, SendOutcome.delayed);
    return true;
  },
});

/** The delayed-reply fault kind. */
export const delayedReplyFault = defineFault({
  kind: "delayed-reply",
  description: "a database request is answered after the client timed out, and lands after the next request (external database only)",
  intents: [delayReplyIntent],
  draws: [delayReplyIntent],
  heal: (world) => {
    world.network.disarm(SendOutcome.delayed);
    world.releaseDelayedRequests();
  },
  coverage: { ops: [Op.lost], bit: () => (_op, _target, outcome) => outcome === SendOutcome.delayed },
});
