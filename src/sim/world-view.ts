/**
 * The public view of a finished world that checkers read besides the history: topic logs,
 * the live store of each partition's owner, committed offsets and how the drain ended.
 * Checkers never touch instances or the group's internals.
 */
import type { LogRecord } from "../broker/log-record.ts";
import type { PartitionLog } from "../broker/partition-log.ts";
import type { CommittedOffset } from "../broker/consumer-group.ts";
import type { InputEvent } from "../broker/producer.ts";
import type { History } from "../core/history.ts";
import type { OutputRecord } from "../runtime/changelog-record.ts";
import type { PartitionStore } from "../store/partition-store.ts";
import type { DrainResult } from "./phases.ts";
import type { WorldConfig } from "./world-config.ts";
import type { World } from "./world.ts";

/** What checkers may see of a finished run. */
export interface WorldView {
  readonly config: WorldConfig;
  readonly history: History;
  readonly input: readonly PartitionLog<InputEvent>[];
  /** Every input record ever appended (the logs may have been truncated since). */
  readonly inputArchive: readonly (readonly LogRecord<InputEvent>[])[];
  readonly changelog: readonly PartitionLog<unknown>[];
  readonly output: readonly PartitionLog<OutputRecord>[];
  /** The store of each partition's current owner, or null when no live task holds it. */
  readonly liveStores: readonly (PartitionStore | null)[];
  readonly committed: readonly CommittedOffset[];
  readonly drain: DrainResult;
  readonly nowTicks: number;
}

/** Build the view of `world` after its drain. */
export function viewOf(world: World, drain: DrainResult): WorldView {
  const liveStores: (PartitionStore | null)[] = [];
  for (let p = 0; p < world.config.partitions; p++) {
    const owner = world.group.ownerOf(p);
    const task = owner >= 0 ? world.instances[owner].taskFor(p) : undefined;
    liveStores.push(task?.store ?? null);
  }
  return {
    config: world.config,
    history: world.history,
    input: world.broker.input.partitions,
    inputArchive: world.broker.inputArchive,
    changelog: world.broker.changelog.partitions,
    output: world.broker.output.partitions,
    liveStores,
    committed: world.group.committed,
    drain,
    nowTicks: world.clock.nowTicks,
  };
}
