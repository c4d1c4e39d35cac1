/**
 * The registry of fault kinds: every kind's module, by kind. Adding a fault kind is its
 * module (`src/faults/<kind>.ts`) plus one entry here (and a place in `healOrder` if it
 * heals); everything else (the `FaultKind` type, scenario validation, schedule generation,
 * repro files, interpretation, healing, coverage, listings) derives from this object.
 *
 * The order of entries is the order schedules draw kinds in, which is part of what a seed
 * generates: append new kinds, never reorder.
 */
import { ambiguousErrorFault } from "./ambiguous-error.ts";
import { compactionFault } from "./compaction.ts";
import { crashFault } from "./crash.ts";
import { delayedReplyFault } from "./delayed-reply.ts";
import { diskWipeFault } from "./disk-wipe.ts";
import type { FaultModule } from "./fault-module.ts";
import { lostAckFault } from "./lost-ack.ts";
import { lostRequestFault } from "./lost-request.ts";
import { noIdempotenceFault } from "./no-idempotence.ts";
import { pauseFault } from "./pause.ts";
import { rebalanceFault } from "./rebalance.ts";
import { reorderFault } from "./reorder.ts";
import { restoreRaceFault } from "./restore-race.ts";
import { truncationFault } from "./truncation.ts";
import { upstreamDuplicateFault } from "./upstream-duplicate.ts";

const modules = {
  "lost-ack": lostAckFault,
  "lost-request": lostRequestFault,
  "ambiguous-error": ambiguousErrorFault,
  reorder: reorderFault,
  "no-idempotence": noIdempotenceFault,
  crash: crashFault,
  "disk-wipe": diskWipeFault,
  rebalance: rebalanceFault,
  pause: pauseFault,
  compaction: compactionFault,
  "restore-race": restoreRaceFault,
  truncation: truncationFault,
  "upstream-duplicate": upstreamDuplicateFault,
  "delayed-reply": delayedReplyFault,
};

/** Every fault kind's module, by kind (checked at compile time: each is registered under its own kind). */
export const faultModules = modules satisfies { readonly [K in keyof typeof modules]: FaultModule<K> };

/**
 * The order in which the heal phase calls the kinds' heals: armed network faults are
 * dropped (and database requests held back land), then paused instances resume, crashed ones restart, and live non-members rejoin
 * (a resumed instance whose session expired rejoins with the rest). The order of what they
 * record is part of every history hash. Every kind with a heal appears exactly once.
 */
export const healOrder = ["lost-ack", "lost-request", "ambiguous-error", "delayed-reply", "pause", "crash", "rebalance"] as const satisfies readonly (keyof typeof modules)[];
