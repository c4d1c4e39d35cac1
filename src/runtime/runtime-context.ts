/**
 * What an instance of the service can reach: the broker and group (over the simulated
 * network), its own disk, the user's processor and its settings. The runtime talks to broker
 * and store only through these public interfaces.
 */
import type { Broker } from "../broker/broker.ts";
import type { ConsumerGroup } from "../broker/consumer-group.ts";
import type { InputEvent } from "../broker/producer.ts";
import type { VirtualClock } from "../core/clock.ts";
import type { History } from "../core/history.ts";
import type { Rng } from "../core/prng.ts";
import type { OutputRecord } from "./changelog-record.ts";
import type { Processor } from "./processor.ts";
import type { RuntimeOptions } from "./runtime-options.ts";

/** The simulated broker as the service sees it. */
export type ServiceBroker = Broker<InputEvent, unknown, OutputRecord>;

/** Shared by every instance of one simulated deployment. */
export interface RuntimeContext {
  readonly broker: ServiceBroker;
  readonly group: ConsumerGroup;
  readonly processor: Processor;
  readonly options: RuntimeOptions;
  readonly history: History;
  readonly clock: VirtualClock;
  /** The runtime's random stream (only planted bugs draw from it). */
  readonly rng: Rng;
  /** The changelog's delete retention as the runtime was told it (restore deadline). */
  readonly deleteRetentionTicks: number;
}
