/**
 * The fix for the shared-store anti-pattern (`customer-projection-shared.ts`): service B keeps
 * its own copy of the customer table, materialized from the customer topic (A's output: a
 * stream of versioned upserts, which eosim's producers play here), in its own store, logged to
 * its own changelog and restored from it when partitions move. B reads only its copy, only of
 * partitions it has restored since it last joined, and never a partition whose commit is still
 * in flight, so whatever A does to its own table (rebuild it, replay its input, which re-sends
 * older versions that B's versioned upsert ignores), B's reads only move forward.
 * `eosim run shared-store-own-copy` passes.
 */
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Store } from "eosim/store";
import { partitions, rowAfter } from "./customer-projection-shared.ts";

type CustomerEvent = Parameters<typeof rowAfter>[1];
type CustomerRow = NonNullable<ReturnType<typeof rowAfter>>;

export async function start({ kafka, store }: { kafka: Kafka; store: Store }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "service-b" });
  let generation = 0;
  let restored = new Set<number>();
  // Partitions whose copy B may read: restored in this generation, no commit in flight.
  const readable = new Set<number>();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    generation++;
    restored = new Set();
    readable.clear();
  });

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const partition = batch.partition;
    const mine = generation;
    if (!restored.has(partition)) {
      await store.restore(partition);
      if (mine !== generation) return;
      restored.add(partition);
      readable.add(partition);
    }
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const offset = Number(message.offset);
      const next = store.get<number>(`meta/${partition}`, "next") ?? 0;
      if (offset < next) {
        resolveOffset(message.offset);
        continue;
      }
      if (offset > next) {
        consumer.seek({ topic: batch.topic, partition, offset: String(next) });
        return;
      }
      const event = JSON.parse(message.value!.toString()) as CustomerEvent;
      const tx = store.transaction();
      tx.put(`meta/${partition}`, "next", offset + 1);
      const row = rowAfter(tx.get<CustomerRow>(`customers/${partition}`, event.customer), event);
      if (row !== undefined) tx.put(`customers/${partition}`, event.customer, row);
      readable.delete(partition);
      try {
        await tx.commit();
      } catch (error) {
        restored.delete(partition); // fenced: a newer owner exists; restore before reading again
        throw error;
      }
      if (mine === generation && restored.has(partition)) readable.add(partition);
      resolveOffset(message.offset);
      await heartbeat();
    }
    try {
      await consumer.commitOffsets([{ topic: batch.topic, partition, offset: String(store.get<number>(`meta/${partition}`, "next") ?? 0) }]);
    } catch {
      // A rebalance refused it: the store's offset is the truth.
    }
  };

  // B's reads: its own copy, every virtual second.
  const reader = store.reader("service-b");
  const readAll = (): void => {
    for (let partition = 0; partition < partitions; partition++) if (readable.has(partition)) reader.scan(`customers/${partition}`);
    setTimeout(readAll, 1000);
  };
  setTimeout(readAll, 1000);

  await consumer.connect();
  await consumer.subscribe({ topic: "customer-events", fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch, eachBatchAutoResolve: false });
}
