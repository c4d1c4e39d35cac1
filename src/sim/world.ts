/**
 * The simulated world of one run: clock, history, broker, consumer group, one host (disk and
 * lifecycle) and one instance per service instance, upstream producers, and the fault
 * injectors. Built fresh for every schedule (cheap: a few arrays and maps), so runs never
 * share state. It is also the world faults see (`FaultWorld`): the world steps, crashes and
 * pauses instances only through their hosts.
 */
import { Broker } from "../broker/broker.ts";
import { ConsumerGroup } from "../broker/consumer-group.ts";
import { Producer } from "../broker/producer.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import { VirtualClock } from "../core/clock.ts";
import { History } from "../core/history.ts";
import { HarnessError } from "../core/invariant.ts";
import { limits } from "../core/limits.ts";
import { producerActor } from "../core/packed-fields.ts";
import { Streams } from "../core/prng.ts";
import type { FaultSettings } from "../faults/fault-module.ts";
import type { FaultWorld } from "../faults/fault-world.ts";
import { NetworkFaults } from "../faults/network.ts";
import { Instance } from "../runtime/instance.ts";
import type { RuntimeContext } from "../runtime/runtime-context.ts";
import { ExternalDatabase } from "../service/external-database.ts";
import { ReadFacts } from "../service/read-facts.ts";
import type { PointsStoodAt } from "../service/life.ts";
import { MemoryServiceDisk } from "../service/memory-service-disk.ts";
import type { ServiceDisk } from "../service/service-disk.ts";
import { ServiceProcess } from "../service/service-process.ts";
import { ServiceSandbox } from "../service/service-sandbox.ts";
import { SqliteServiceDisk } from "../service/sqlite-service-disk.ts";
import { Disk } from "../store/disk.ts";
import { SqliteNamespaces } from "../store/sqlite-namespaces.ts";
import { Host } from "./host.ts";
import type { WorldConfig } from "./world-config.ts";

/** Per-run settings drawn by the schedule (swarm), on top of the scenario's config; fault kinds set the rest. */
export interface RunSettings extends FaultSettings {
  /** Root seed of the run's random streams. */
  readonly seed: number;
}

// A world is built per schedule: checked without a message closure per check.
function outOfLimits(count: number, what: string, max: number): never {
  throw new HarnessError(`world config: ${count} ${what}, outside 1-${max}`);
}

export class World implements FaultWorld {
  readonly clock = new VirtualClock();
  readonly history = new History();
  readonly network = new NetworkFaults(this.history);
  readonly streams: Streams;
  readonly broker: Broker;
  readonly group: ConsumerGroup;
  /** The reference runtime's instances, by index (what runtime tests and the world view read); empty when a user's service runs. */
  readonly instances: Instance[];
  /** The reference runtime's disks, by instance (empty when a user's service runs). */
  readonly runtimeDisks: Disk[] = [];
  /** The host of each instance: everything the world does to an instance goes through it. */
  readonly hosts: Host[];
  /** A user's service: the sandbox its instances share and each instance's store disk (null for the reference runtime). */
  readonly service: { readonly sandbox: ServiceSandbox; readonly disks: readonly ServiceDisk[]; readonly database: ExternalDatabase; readonly stoodAt: PointsStoodAt } | null;
  readonly producers: Producer<unknown>[];
  /** Index of the intent being played (for messages). */
  step = 0;
  /** Events created so far (the workload's event time). */
  eventsCreated = 0;

  constructor(readonly config: WorldConfig, settings: RunSettings) {
    if (!(config.partitions >= 1 && config.partitions <= limits.partitionCountMax)) outOfLimits(config.partitions, "partitions", limits.partitionCountMax);
    if (!(config.instances >= 1 && config.instances <= limits.instanceCountMax)) outOfLimits(config.instances, "instances", limits.instanceCountMax);
    if (!(config.producers >= 1 && config.producers <= limits.producerCountMax)) outOfLimits(config.producers, "producers", limits.producerCountMax);
    this.streams = new Streams(settings.seed);
    const retention = config.brokerBugs.earlyTombstoneRemoval ? 0 : config.compaction.deleteRetentionTicks;
    this.broker = new Broker(
      {
        partitions: config.partitions,
        changelogCompaction: { segmentRecords: config.compaction.segmentRecords, deleteRetentionTicks: retention },
        idempotentProducer: settings.idempotentProducer,
      },
      this.clock,
      this.history,
      this.network,
      { chancePerFetch: settings.cleanerChancePerFetch, rng: this.streams.get("broker"), changelogFetchDivisor: settings.changelogFetchDivisor },
    );
    this.group = new ConsumerGroup(config.partitions, config.runtime.assignment, this.history);
    const hostCtx = { history: this.history, clock: this.clock, group: this.group, sessionTimeoutTicks: config.sessionTimeoutTicks };
    this.instances = [];
    this.hosts = [];
    if (config.service === undefined) {
      this.service = null;
      this.buildRuntime(config, hostCtx);
    } else {
      const sandbox = ServiceSandbox.for(this.clock);
      const disks: ServiceDisk[] = [];
      const database = new ExternalDatabase(this.history, () => this.step, new ReadFacts(() => this.clock.nowTicks));
      const stoodAt: PointsStoodAt = { mask: 0 };
      this.service = { sandbox, disks, database, stoodAt };
      const env = { config: config.service, partitions: config.partitions, clock: this.clock, history: this.history, streams: this.streams, shared: sandbox, database, network: this.network, step: () => this.step, stoodAt };
      for (let i = 0; i < config.instances; i++) {
        const disk: ServiceDisk = config.store === "sqlite" ? new SqliteServiceDisk() : new MemoryServiceDisk();
        disks.push(disk);
        this.hosts.push(new Host(new ServiceProcess(i, env, this.broker.client(i), this.group.client(i), disk), disk, hostCtx));
      }
    }
    this.producers = [];
    for (let i = 0; i < config.producers; i++) this.producers.push(new Producer<unknown>(i, this.broker.client(producerActor(i))));
    for (const host of this.hosts) this.group.join(host.id);
  }

  private buildRuntime(config: WorldConfig, hostCtx: ConstructorParameters<typeof Host>[2]): void {
    // One stream shared by the instances. Contexts are written out, not spread from a shared
    // part: an object spread costs about 0.65 us here, and every step reads a context.
    const rng = this.streams.get("runtime");
    const dedupeSizes = config.runtime.dedupeWindowOffsets !== null;
    for (let i = 0; i < config.instances; i++) {
      const ctx: RuntimeContext = {
        processor: config.processor,
        options: config.runtime,
        history: this.history,
        clock: this.clock,
        rng,
        deleteRetentionTicks: config.compaction.deleteRetentionTicks,
        broker: this.broker.client(i),
        group: this.group.client(i),
      };
      const disk = new Disk({ history: this.history, instance: i, dedupeSizes }, config.store === "sqlite" ? new SqliteNamespaces() : undefined);
      const instance = new Instance(i, ctx, disk);
      this.instances.push(instance);
      this.runtimeDisks.push(disk);
      this.hosts.push(new Host(instance, disk, hostCtx));
    }
  }

  /**
   * Release the disks (a SQLite database each, with `store: "sqlite"`) once the run's view is
   * built: a world is built per schedule, and thousands of schedules must not hold thousands
   * of databases until the garbage collector finds them.
   */
  close(): void {
    for (const disk of this.service?.disks ?? []) disk.close();
    for (const disk of this.runtimeDisks) disk.close();
  }

  /** Partition of an input key (stable string hash, like a default partitioner). */
  partitionOf(key: string): number {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    return (h >>> 0) % this.config.partitions;
  }

  /** The host an intent's instance index names (indices wrap around). */
  hostAt(index: number): Host {
    return this.hosts[index % this.hosts.length];
  }

  /** The producer an intent's index names (indices wrap around). */
  producerAt(index: number): Producer<unknown> {
    return this.producers[index % this.producers.length];
  }

  /** The partition an intent's partition index names (indices wrap around). */
  partitionAt(index: number): number {
    return index % this.config.partitions;
  }

  get partitionCount(): number {
    return this.config.partitions;
  }

  get hasDatabase(): boolean {
    return this.config.service?.database === true;
  }

  releaseDelayedRequests(): void {
    this.service?.database.releaseDelayed();
  }

  hasAssignment(instance: number): boolean {
    for (let p = 0; p < this.config.partitions; p++) if (this.group.ownerOf(p) === instance) return true;
    return false;
  }

  wait(ticks: number): void {
    this.clock.advance(ticks);
    this.expireSessions();
  }

  compactChangelog(partition: number): number {
    return this.broker.compactChangelog(partition);
  }

  committedOffset(partition: number): number {
    return this.group.committedOffset(partition).offset;
  }

  inputLogStart(partition: number): number {
    return this.broker.startOffset(SendTarget.input, partition);
  }

  truncateInput(partition: number, offset: number): void {
    this.broker.truncateInput(partition, offset);
  }

  /**
   * The coordinator removes members paused for the session timeout, and a shutdown that
   * outlived its grace period is killed (after every intent, and every drain round of a service).
   */
  expireSessions(): void {
    for (const host of this.hosts) {
      host.expireSessionIfDue();
      host.killIfGraceOver();
    }
  }
}
