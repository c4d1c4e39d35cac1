/**
 * Everything needed to build a simulated world: the service (processor + runtime knobs) and
 * the deployment around it. Scenarios resolve to this after validation.
 */
import type { CompactionConfig } from "../broker/compaction.ts";
import type { Processor } from "../runtime/processor.ts";
import type { RuntimeOptions } from "../runtime/runtime-options.ts";

/** A validated world description. */
export interface WorldConfig {
  readonly processor: Processor;
  readonly runtime: RuntimeOptions;
  /** Partitions of the input, changelog and output topics. */
  readonly partitions: number;
  /** Service instances (each with its own disk). */
  readonly instances: number;
  /** Upstream producers. */
  readonly producers: number;
  /** Size of the workload's key space. */
  readonly keys: number;
  /** Changelog compaction settings. */
  readonly compaction: CompactionConfig;
}
