/**
 * No idempotence: the broker's idempotent producer (producer id, epoch, per-partition
 * sequence) is off for the run, so a producer retry after a lost ACK or an ambiguous error
 * appends a duplicate the service must drop by dedupe ID. A run setting, not intents: it is
 * on for every run whose mix gives it a weight, and it has nothing to heal.
 */
import { defineFault } from "./fault-module.ts";

/** The no-idempotence fault kind. */
export const noIdempotenceFault = defineFault({
  kind: "no-idempotence",
  description: "the broker's idempotent producer is off for the run, so producer retries append duplicates",
  intents: [],
  draws: [],
  settings: () => ({ idempotentProducer: false }),
  coverage: { whenOn: true },
});
