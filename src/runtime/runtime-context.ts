/**
 * What an instance of the reference runtime can reach: its own connections to the broker and
 * the group (over the simulated network), the user's processor and its settings. Its disk is
 * handed to it apart (the world crashes and wipes it). The runtime talks to broker, group and
 * store only through their client interfaces.
 */
import type { BrokerClient } from "../broker/broker-client.ts";
import type { GroupClient } from "../broker/group-client.ts";
import type { VirtualClock } from "../core/clock.ts";
import type { History } from "../core/history.ts";
import type { Rng } from "../core/prng.ts";
import type { Processor } from "./processor.ts";
import type { RuntimeOptions } from "./runtime-options.ts";

/** One instance's context (the clients are the instance's own; the rest is shared). */
export interface RuntimeContext {
  readonly broker: BrokerClient;
  readonly group: GroupClient;
  readonly processor: Processor;
  readonly options: RuntimeOptions;
  /** For the runtime's notes (restore start and end, epoch markers); checkers do not read them. */
  readonly history: History;
  readonly clock: VirtualClock;
  /** The runtime's random stream (only planted bugs draw from it). */
  readonly rng: Rng;
  /** The changelog's delete retention as the runtime was told it (restore deadline). */
  readonly deleteRetentionTicks: number;
}
