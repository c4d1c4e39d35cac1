/**
 * The bank ledger with its balances in an external database and its progress only in the
 * consumer group: each input is applied in one database transaction, then its offset is
 * committed to the group. Two writes to two systems, so there is a window between them, and
 * the network widens it: a commit whose reply was lost is retried (applied twice), and a
 * crash after the database commit but before the offset commit has the next owner apply the
 * input again. `eosim run external-store-offsets-in-broker` finds it (expect fail).
 *
 * Dedupe IDs would not save it unless they are written in the same database transaction as
 * the balance, and then the offset in the group is only a hint: that is `external-ledger-service.ts`.
 */
import type { Consumer, EachMessagePayload, Kafka, Producer } from "kafkajs";
import type { Database } from "eosim/store";
import { apply } from "./ledger-service.ts";

type LedgerCommand = Parameters<typeof apply>[1];

export async function start({ kafka, database }: { kafka: Kafka; database: Database }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "ledger" });
  const producer: Producer = kafka.producer();

  const eachMessage = async ({ topic, partition, message }: EachMessagePayload): Promise<void> => {
    const command = JSON.parse(message.value!.toString()) as LedgerCommand;
    const dedupeId = message.headers?.["dedupe-id"]?.toString() ?? `${partition}/${message.offset}`;
    // Retry until the database says yes: a timeout is taken for "not written".
    for (;;) {
      try {
        const tx = database.transaction();
        const event = apply((await tx.get<number>(`balances/${partition}`, command.account)) ?? 0, command);
        if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
        await tx.commit();
        await producer.send({ topic: "ledger-events", messages: [{ key: command.account, value: JSON.stringify(event), headers: { "output-id": `${dedupeId}/o0` } }] });
        break;
      } catch (error) {
        if ((error as { name?: string }).name !== "DatabaseError") throw error;
      }
    }
    await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: "ledger-commands", fromBeginning: true });
  await consumer.run({ autoCommit: false, eachMessage });
}
