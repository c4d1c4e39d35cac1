/**
 * The bank ledger as a kafkajs service whose state lives in an external database, shared by
 * every instance and reached across the network, exactly-once without broker transactions.
 * What `eosim run external-store` tests, unmodified, under every fault.
 *
 * - Each input is applied in one database transaction with everything that must agree with
 *   it: the balance, the input's dedupe ID, the partition's next offset and the output it
 *   causes (an outbox): the "state and offset in one local transaction", done remotely.
 * - The transaction reads the partition's next offset, so its commit is refused when anyone
 *   (a zombie, or this service's own request that timed out and landed late) moved it first.
 * - A request that timed out may have been served, and may still be: the service never
 *   assumes either. It reads the database again and goes on from the offset it holds.
 * - The database's offset is the truth: reading resumes from it whatever the group
 *   committed, and the group offset is committed after it, as a hint.
 */
import type { Consumer, EachBatchPayload, Kafka, Producer } from "kafkajs";
import type { Database } from "eosim/store";
// The business rule is the ledger service's: only where the state lives differs.
import { apply, topics } from "./ledger-service.ts";

type LedgerCommand = Parameters<typeof apply>[1];

interface Outgoing {
  readonly id: string;
  readonly key: string;
  readonly event: ReturnType<typeof apply>;
}

/** Whether `error` is the database's (a timeout, an error reply or a conflict): the service retries. */
const isDatabaseError = (error: unknown): boolean => (error as { name?: string } | null)?.name === "DatabaseError";

export async function start({ kafka, database }: { kafka: Kafka; database: Database }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "ledger" });
  const producer: Producer = kafka.producer();

  /** Send the partition's pending outputs, then clear them unless they changed meanwhile. */
  const sendOutbox = async (partition: number): Promise<void> => {
    const clear = database.transaction();
    const pending = await clear.get<Outgoing[]>(`outbox/${partition}`, "pending");
    if (pending === undefined || pending.length === 0) return;
    await producer.send({
      topic: topics.output,
      messages: pending.map((o) => ({ key: o.key, value: JSON.stringify(o.event), headers: { "output-id": o.id } })),
    });
    clear.delete(`outbox/${partition}`, "pending");
    await clear.commit();
  };

  /** Apply the input at `offset`, or learn it was applied. Returns the partition's next offset. */
  const applyOne = async (partition: number, offset: number, dedupeId: string, value: string): Promise<number> => {
    const tx = database.transaction();
    const next = (await tx.get<number>(`meta/${partition}`, "next")) ?? 0;
    if (offset !== next) return next;
    tx.put(`meta/${partition}`, "next", offset + 1);
    if ((await tx.get(`dedupe/${partition}`, dedupeId)) === undefined) {
      const command = JSON.parse(value) as LedgerCommand;
      const event = apply((await tx.get<number>(`balances/${partition}`, command.account)) ?? 0, command);
      if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
      tx.put(`dedupe/${partition}`, dedupeId, offset);
      tx.put(`outbox/${partition}`, "pending", [{ id: `${dedupeId}/o0`, key: command.account, event }]);
    }
    await tx.commit();
    return offset + 1;
  };

  /** Commit the database's offset to the group, as a hint for the next owner. */
  const commitHint = async (topic: string, partition: number, next: number): Promise<void> => {
    try {
      await consumer.commitOffsets([{ topic, partition, offset: String(next) }]);
    } catch {
      // A rebalance refused it: the database's offset is the truth anyway.
    }
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const partition = batch.partition;
    let at = Number(batch.messages[0]?.offset ?? 0);
    try {
      await sendOutbox(partition);
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) return;
        at = Number(message.offset);
        const dedupeId = message.headers?.["dedupe-id"]?.toString();
        if (dedupeId === undefined) throw new Error(`input at ${partition}/${at} has no dedupe-id header`);
        const next = await applyOne(partition, at, dedupeId, message.value!.toString());
        if (next <= at) {
          // The database is behind the group's offset: read from where the database is.
          consumer.seek({ topic: batch.topic, partition, offset: String(next) });
          return;
        }
        // Applied now, or before (by this instance or another): send what it caused, go on.
        await sendOutbox(partition);
        resolveOffset(message.offset);
        await heartbeat();
      }
      await commitHint(batch.topic, partition, (await database.get<number>(`meta/${partition}`, "next")) ?? 0);
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      // The request may or may not have been served: read again from the message it was about.
      consumer.seek({ topic: batch.topic, partition, offset: String(at) });
    }
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch, eachBatchAutoResolve: false });
}
