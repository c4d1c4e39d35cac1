/**
 * kafkajs 2.2.4's partitioners (src/producer/partitioners/): an explicit partition wins, a
 * key picks `toPositive(murmur2(key)) % partitions`, a keyless message goes round-robin over
 * the available partitions from a per-topic counter that starts at a random value. The
 * random start comes from `Math.random` (kafkajs reads crypto.randomBytes), which is the
 * simulator's inside the sandbox, so keyless placement replays with the seed.
 */
import type { ICustomPartitioner, PartitionerArgs } from "./client-types.ts";
import { legacyMurmur2, murmur2 } from "./murmur2.ts";

const toPositive = (x: number): number => x & 0x7fffffff;

function partitionerOf(hash: (key: Buffer | string) => number): ICustomPartitioner {
  return () => {
    const counters = new Map<string, number>();
    return ({ topic, partitionMetadata, message }: PartitionerArgs) => {
      if (!counters.has(topic)) counters.set(topic, Math.floor(Math.random() * 0x1_0000_0000));
      const numPartitions = partitionMetadata.length;
      const available = partitionMetadata.filter((p) => p.leader >= 0);
      if (message.partition !== null && message.partition !== undefined) return message.partition;
      if (message.key !== null && message.key !== undefined) return toPositive(hash(message.key)) % numPartitions;
      const next = (counters.get(topic) ?? 0) + 1;
      counters.set(topic, next);
      if (available.length > 0) return available[toPositive(next) % available.length].partitionId;
      return toPositive(next) % numPartitions;
    };
  };
}

const defaultPartitioner = partitionerOf(murmur2);

/** kafkajs's `Partitioners` (JavaCompatiblePartitioner is DefaultPartitioner's old name). */
export const Partitioners = {
  DefaultPartitioner: defaultPartitioner,
  LegacyPartitioner: partitionerOf(legacyMurmur2),
  JavaCompatiblePartitioner: defaultPartitioner,
} as const;
