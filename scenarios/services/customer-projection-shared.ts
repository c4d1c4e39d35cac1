/**
 * The shared-store anti-pattern, as two services in one deployment:
 *
 * - Service A (group "customer-projection") keeps a materialized customer table in the
 *   external database: latest row per customer from a stream of versioned upserts, with the
 *   partition's next offset in the same transaction, so the table itself is exactly-once. It
 *   rebuilds a partition's table whenever it is assigned the partition (a projection that
 *   keeps no checkpoint of its own: what a redeploy that replays its input does), so the rows
 *   are deleted and written again from the first event.
 * - Service B reads A's table directly, as if it were its own (`database.client("service-b")`):
 *   every virtual second it scans every partition's rows.
 *
 * While A rebuilds, B sees customers disappear and come back at older versions: B's reads are
 * not monotonic, whatever A does right. `eosim run shared-store-anti-pattern` shows it; its
 * twin `shared-store-own-copy` has B keep its own copy instead.
 */
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Database } from "eosim/store";

interface CustomerEvent {
  readonly customer: string;
  readonly version: number;
  readonly kind: "upsert" | "delete";
  readonly record?: { readonly name: string; readonly tier: string };
}

type CustomerRow = { readonly version: number; readonly deleted: false; readonly record: unknown } | { readonly version: number; readonly deleted: true };

/** Partitions of the customer topic (the scenario's topology). */
export const partitions = 4;

/** The versioned upsert: an event applies only when it is newer than the row. */
export function rowAfter(row: CustomerRow | undefined, event: CustomerEvent): CustomerRow | undefined {
  if (row !== undefined && row.version >= event.version) return undefined;
  return event.kind === "delete" ? { version: event.version, deleted: true } : { version: event.version, deleted: false, record: event.record };
}

const isDatabaseError = (error: unknown): boolean => (error as { name?: string } | null)?.name === "DatabaseError";

/** Service A: the projection, rebuilt from its input on every assignment. */
async function startProjection(kafka: Kafka, database: Database): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "customer-projection" });
  let rebuilt = new Set<number>();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    rebuilt = new Set();
  });

  const rebuild = async (partition: number): Promise<void> => {
    const tx = database.transaction();
    await tx.get(`meta/${partition}`, "next"); // fences anyone applying meanwhile
    for (const [customer] of await database.scan(`customers/${partition}`)) tx.delete(`customers/${partition}`, customer);
    tx.put(`meta/${partition}`, "next", 0);
    await tx.commit();
  };

  /** Apply the event at `offset` unless the table is elsewhere; returns the table's next offset. */
  const applyOne = async (partition: number, offset: number, event: CustomerEvent): Promise<number> => {
    const tx = database.transaction();
    const next = (await tx.get<number>(`meta/${partition}`, "next")) ?? 0;
    if (offset !== next) return next;
    tx.put(`meta/${partition}`, "next", offset + 1);
    const row = rowAfter(await tx.get<CustomerRow>(`customers/${partition}`, event.customer), event);
    if (row !== undefined) tx.put(`customers/${partition}`, event.customer, row);
    await tx.commit();
    return offset + 1;
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const partition = batch.partition;
    let at = Number(batch.messages[0]?.offset ?? 0);
    try {
      if (!rebuilt.has(partition)) {
        await rebuild(partition);
        rebuilt.add(partition);
        consumer.seek({ topic: batch.topic, partition, offset: "0" });
        return;
      }
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        at = Number(message.offset);
        const next = await applyOne(partition, at, JSON.parse(message.value!.toString()) as CustomerEvent);
        if (next <= at) {
          consumer.seek({ topic: batch.topic, partition, offset: String(next) });
          return;
        }
        resolveOffset(message.offset);
        await heartbeat();
      }
      try {
        await consumer.commitOffsets([{ topic: batch.topic, partition, offset: String((await database.get<number>(`meta/${partition}`, "next")) ?? 0) }]);
      } catch {
        // A rebalance refused it: the table's offset is the truth.
      }
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      consumer.seek({ topic: batch.topic, partition, offset: String(at) });
    }
  };

  await consumer.connect();
  await consumer.subscribe({ topic: "customer-events", fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch, eachBatchAutoResolve: false });
}

/** Service B: reads A's table directly, every virtual second. */
function startReader(database: Database): void {
  const reader = database.client("service-b");
  const readAll = async (): Promise<void> => {
    for (let partition = 0; partition < partitions; partition++) {
      try {
        await reader.scan(`customers/${partition}`);
      } catch {
        // A timeout: read again at the next round.
      }
    }
    setTimeout(() => void readAll(), 1000);
  };
  setTimeout(() => void readAll(), 1000);
}

export async function start({ kafka, database }: { kafka: Kafka; database: Database }): Promise<void> {
  startReader(database);
  await startProjection(kafka, database);
}
