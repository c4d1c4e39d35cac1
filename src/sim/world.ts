/**
 * The simulated world of one run: clock, history, broker, consumer group, one disk and one
 * instance per service instance, upstream producers, and the fault injectors. Built fresh for
 * every schedule (cheap: a few arrays and maps), so runs never share state.
 */
import { Broker } from "../broker/broker.ts";
import { ConsumerGroup } from "../broker/consumer-group.ts";
import { Producer } from "../broker/producer.ts";
import { VirtualClock } from "../core/clock.ts";
import { History } from "../core/history.ts";
import { LostAckFaults } from "../faults/lost-ack.ts";
import { Instance } from "../runtime/instance.ts";
import type { RuntimeContext, ServiceBroker } from "../runtime/runtime-context.ts";
import { Disk } from "../store/disk.ts";
import type { WorldConfig } from "./world-config.ts";

export class World {
  readonly clock = new VirtualClock();
  readonly history = new History();
  readonly lostAcks = new LostAckFaults();
  readonly broker: ServiceBroker;
  readonly group: ConsumerGroup;
  readonly instances: Instance[];
  readonly producers: Producer<unknown>[];

  constructor(readonly config: WorldConfig) {
    this.broker = new Broker(
      { partitions: config.partitions, changelogCompaction: config.compaction },
      this.clock,
      this.history,
      this.lostAcks,
    );
    this.group = new ConsumerGroup(config.partitions, config.runtime.assignment, this.history);
    const ctx: RuntimeContext = {
      broker: this.broker,
      group: this.group,
      processor: config.processor,
      options: config.runtime,
      history: this.history,
    };
    this.instances = Array.from({ length: config.instances }, (_, i) => new Instance(i, ctx, new Disk()));
    this.producers = Array.from({ length: config.producers }, (_, i) => new Producer<unknown>(i, this.broker));
    for (const instance of this.instances) this.group.join(instance.id);
  }

  /** Partition of an input key (stable string hash, like a default partitioner). */
  partitionOf(key: string): number {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    return (h >>> 0) % this.config.partitions;
  }

  /** Unacknowledged producer sends. */
  pendingSends(): number {
    let n = 0;
    for (const producer of this.producers) n += producer.pending.length;
    return n;
  }
}
