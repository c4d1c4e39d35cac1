/**
 * A non-idempotent upstream re-publishes an old event as a new message: same dedupe ID, new
 * offset, possibly far behind the head (a distance that may exceed a bounded dedupe window).
 */
import { Op } from "../core/history.ts";
import { defineIntent, field } from "./fault-intent.ts";
import { defineFault } from "./fault-module.ts";

/** `republish`: a producer re-publishes the event it created `distance` events ago. */
export const republishIntent = defineIntent({
  k: "republish",
  code: 17,
  fields: { producer: field.producer, distance: field.distance },
  describe: (intent) => `upstream re-publishes producer ${intent.producer}'s event from ${intent.distance} events back`,
  apply: (world, intent) => world.producerAt(intent.producer).republish(intent.distance),
});

/** The upstream-duplicate fault kind. */
export const upstreamDuplicateFault = defineFault({
  kind: "upstream-duplicate",
  description: "a non-idempotent upstream re-publishes an old event with the same dedupe ID",
  intents: [republishIntent],
  draws: [republishIntent],
  coverage: { ops: [Op.intent], bit: () => (_op, _index, code, applied) => applied === 1 && code === republishIntent.code },
});
