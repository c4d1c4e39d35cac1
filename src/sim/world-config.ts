/**
 * Everything needed to build a simulated world: the service (processor + runtime knobs) and
 * the deployment around it. Scenarios resolve to this after validation.
 */
import type { CompactionConfig } from "../broker/compaction.ts";
import type { Processor } from "../runtime/processor.ts";
import type { RuntimeOptions } from "../runtime/runtime-options.ts";
import type { ServiceConfig } from "../service/service-config.ts";
import type { StoreKind } from "../store/store-kind.ts";

/** Broker misbehaviour a planted bug can switch on. */
export interface BrokerBugs {
  /** The cleaner drops tombstones at once instead of keeping them for the delete retention. */
  readonly earlyTombstoneRemoval: boolean;
}

/** A validated world description. */
export interface WorldConfig {
  /** The business logic: what the reference runtime runs, and the model a user's service is judged against. */
  readonly processor: Processor;
  /** A user's service to run instead of the reference runtime. */
  readonly service?: ServiceConfig;
  readonly runtime: RuntimeOptions;
  /** Partitions of the input, changelog and output topics. */
  readonly partitions: number;
  /** Service instances (each with its own disk). */
  readonly instances: number;
  /** Upstream producers. */
  readonly producers: number;
  /** Size of the workload's key space. */
  readonly keys: number;
  /** Changelog compaction settings (the topic's configuration, known to the runtime). */
  readonly compaction: CompactionConfig;
  /** Ticks a paused member keeps its group session. */
  readonly sessionTimeoutTicks: number;
  readonly brokerBugs: BrokerBugs;
  /** The implementation of every instance's store. */
  readonly store: StoreKind;
}
