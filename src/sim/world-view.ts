/**
 * The data of a finished run that checkers read besides the history: copies of the topic
 * logs, plain snapshots of the store of each partition's owner, committed offsets and how the
 * drain ended. No live object of the world (broker, group, stores, instances) reaches a
 * checker, so no checker can change what another one judges, and none can see more than
 * what was observed at the boundaries.
 */
import type { CommittedOffset } from "../broker/consumer-group.ts";
import type { LogRecord } from "../broker/log-record.ts";
import type { InputEvent } from "../broker/producer.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import type { History } from "../core/history.ts";
import type { OutputRecord } from "../runtime/changelog-record.ts";
import type { ReadFact } from "../service/read-facts.ts";
import { physicalName } from "../service/service-disk.ts";
import { serviceOutputs } from "../service/service-outputs.ts";
import type { ServiceProcess } from "../service/service-process.ts";
import { namespaceFromChangelog } from "../service/store-port.ts";
import type { StoreSnapshot } from "../store/store-client.ts";
import type { DrainResult } from "./phases.ts";
import type { WorldConfig } from "./world-config.ts";
import type { World } from "./world.ts";

/** Records of one topic, per partition, in offset order. */
export type TopicRecords<V> = readonly (readonly LogRecord<V>[])[];

/** What checkers may see of a finished run. */
export interface WorldView {
  readonly config: WorldConfig;
  readonly history: History;
  /** The input logs as they stand (retention may have truncated them). */
  readonly input: TopicRecords<InputEvent>;
  /** End offset of each input partition. */
  readonly inputEnd: readonly number[];
  /** Every input record ever appended (the logs may have been truncated since). */
  readonly inputArchive: TopicRecords<InputEvent>;
  readonly changelog: TopicRecords<unknown>;
  /** Every changelog record ever appended (compaction has since removed some from `changelog`), index = offset. */
  readonly changelogArchive: TopicRecords<unknown>;
  /** End offset of each changelog partition. */
  readonly changelogEnd: readonly number[];
  readonly output: TopicRecords<OutputRecord>;
  /** The store of each partition's current owner, or null when no live task holds it. */
  readonly liveStores: readonly (StoreSnapshot | null)[];
  /**
   * For a user's service with a changelog: each partition's namespaces (`<name>/<partition>`,
   * decoded) on its owner, when the owner worked on the partition since it last joined, else
   * null; null as a whole for the reference runtime or a service without a changelog.
   */
  readonly serviceNamespaces: readonly (ReadonlyMap<string, ReadonlyMap<string, unknown>> | null)[] | null;
  /** What a user's service read (database reads, and store reads through named readers), in order; empty for the reference runtime. */
  readonly reads: readonly ReadFact[];
  /**
   * For a user's service: the crash points its instances stood at (bit `code` set: an
   * operation of that kind was ready and settled, so a crash there was possible); 0 for the
   * reference runtime, whose points are known ahead.
   */
  readonly stoodAt: number;
  readonly committed: readonly CommittedOffset[];
  readonly drain: DrainResult;
  readonly nowTicks: number;
}

/**
 * A service's state of `partition` on its owner: the owner's local namespace when its running
 * life has restored or written the partition since it was last assigned; otherwise what it
 * would restore (a service may open a partition only when input for it arrives), rebuilt from
 * the changelog when it has one.
 */
function serviceState(world: World, changelog: TopicRecords<unknown>, owner: number, namespace: string, partition: number): Map<string, unknown> {
  const process = world.hosts[owner].service as ServiceProcess;
  if (process.workedOn(partition) || world.config.service?.topics.changelog === undefined) return world.service!.disks[owner].contents(namespace);
  return namespaceFromChangelog(changelog[partition], namespace);
}

function serviceNamespacesOf(world: World): (Map<string, Map<string, unknown>> | null)[] | null {
  if (world.service === null || world.config.service?.topics.changelog === undefined) return null;
  const out: (Map<string, Map<string, unknown>> | null)[] = [];
  for (let p = 0; p < world.config.partitions; p++) {
    const owner = world.group.ownerOf(p);
    if (owner < 0 || !world.hosts[owner].alive || !(world.hosts[owner].service as ServiceProcess).workedOn(p)) {
      out.push(null);
      continue;
    }
    const disk = world.service.disks[owner];
    out.push(new Map(disk.partitionNamespaces(p).map((name) => [name, disk.contents(name)])));
  }
  return out;
}

/** The store of each partition's live owner (the reference runtime's, or a service's state namespace). */
function liveStoresOf(world: World, changelog: TopicRecords<unknown>): (StoreSnapshot | null)[] {
  const liveStores: (StoreSnapshot | null)[] = [];
  const service = world.service;
  const state = world.config.service?.state;
  for (let p = 0; p < world.config.partitions; p++) {
    const owner = world.group.ownerOf(p);
    if (service !== null) {
      const live = owner >= 0 && world.hosts[owner].alive;
      // State in the external database is there whoever owns the partition (or nobody does).
      if (state?.in === "database") liveStores.push({ state: service.database.contents(physicalName(state.namespace, p)), dedupe: new Map(), nextOffset: 0 });
      else liveStores.push(live ? { state: state == null ? new Map() : serviceState(world, changelog, owner, physicalName(state.namespace, p), p), dedupe: new Map(), nextOffset: 0 } : null);
      continue;
    }
    const holds = owner >= 0 && world.instances[owner].taskFor(p)?.store !== undefined;
    liveStores.push(holds ? (world.runtimeDisks[owner].peek(p)?.snapshot() ?? null) : null);
  }
  return liveStores;
}

/** Build the view of `world` after its drain. */
export function viewOf(world: World, drain: DrainResult): WorldView {
  const input = world.broker.topicData<InputEvent>(SendTarget.input);
  const changelog = world.broker.topicData<unknown>(SendTarget.changelog);
  const liveStores = liveStoresOf(world, changelog.records);
  return {
    config: world.config,
    history: world.history,
    input: input.records,
    inputEnd: input.endOffsets,
    inputArchive: world.broker.inputArchive<InputEvent>(),
    changelog: changelog.records,
    changelogArchive: world.broker.changelogArchive(),
    changelogEnd: changelog.endOffsets,

    output: world.config.service === undefined ? world.broker.topicData<OutputRecord>(SendTarget.output).records : serviceOutputs(world),
    liveStores,
    serviceNamespaces: serviceNamespacesOf(world),
    reads: world.service === null ? [] : [...world.service.database.facts.facts],
    stoodAt: world.service?.stoodAt.mask ?? 0,
    committed: world.group.committedOffsets(),
    drain,
    nowTicks: world.clock.nowTicks,
  };
}
