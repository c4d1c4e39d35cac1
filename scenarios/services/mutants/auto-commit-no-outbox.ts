/**
 * Planted service bug `auto-commit-no-outbox`: the ledger service (../ledger-service.ts)
 * rewritten the way the kafkajs README starts, with `eachMessage` and kafkajs's defaults:
 * auto-commit on, reading resumes from the group's committed offset. Balance and dedupe ID
 * are still applied in one store transaction, but the output event is sent straight from
 * memory after that commit: there is no outbox.
 *
 * The reasoning behind it: kafkajs commits a message's offset only after `eachMessage`
 * returns, so if the process dies before the send, the message is delivered again and sent
 * then. It is delivered again, but by then the store has its dedupe ID, so it is skipped as a
 * duplicate and its output is never sent (effectively-once outputs: lost-output). The fix is
 * the ledger's outbox: the pending output committed with the balance, sent after it and on
 * every assignment until it is cleared.
 *
 * A happy-path test passes: without a crash between the store commit and the send, every
 * output goes out exactly once.
 */
import type { Consumer, EachMessagePayload, Kafka, Producer } from "kafkajs";

/** The store eosim gives the service (a durable embedded key/value store). */
export interface LedgerStore {
  get<T>(namespace: string, key: string): T | undefined;
  transaction(): {
    get<T>(namespace: string, key: string): T | undefined;
    put(namespace: string, key: string, value: unknown): void;
    delete(namespace: string, key: string): void;
    commit(): Promise<void>;
  };
  restore(partition: number): Promise<void>;
}

interface LedgerCommand {
  readonly account: string;
  readonly kind: "deposit" | "withdraw";
  readonly amount: number;
}

interface LedgerEvent {
  readonly account: string;
  readonly accepted: boolean;
  readonly balance: number;
}

export const topics = { input: "ledger-commands", output: "ledger-events" } as const;

/** The business rule: a withdrawal larger than the balance is refused. */
export function apply(balance: number, command: LedgerCommand): LedgerEvent {
  if (command.kind === "withdraw" && command.amount > balance) return { account: command.account, accepted: false, balance };
  const next = command.kind === "deposit" ? balance + command.amount : balance - command.amount;
  return { account: command.account, accepted: true, balance: next };
}

export async function start({ kafka, store }: { kafka: Kafka; store: LedgerStore }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "ledger" });
  const producer: Producer = kafka.producer();
  // Partitions restored in this life since the last rebalance.
  let restored = new Set<number>();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    restored = new Set();
  });

  const eachMessage = async ({ partition, message }: EachMessagePayload): Promise<void> => {
    if (!restored.has(partition)) {
      await store.restore(partition);
      restored.add(partition);
    }
    const dedupeId = message.headers?.["dedupe-id"]?.toString();
    if (dedupeId === undefined) throw new Error(`input at ${partition}/${message.offset} has no dedupe-id header`);
    if (store.get(`dedupe/${partition}`, dedupeId) !== undefined) return; // a redelivery or an upstream re-send
    const command = JSON.parse(message.value!.toString()) as LedgerCommand;
    const tx = store.transaction();
    const event = apply(tx.get<number>(`balances/${partition}`, command.account) ?? 0, command);
    if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
    tx.put(`dedupe/${partition}`, dedupeId, Number(message.offset));
    await tx.commit();
    // kafkajs commits this message's offset only once the handler returns: if the send below
    // fails or the process dies first, the message comes back and is sent then.
    await producer.send({
      topic: topics.output,
      messages: [{ key: command.account, value: JSON.stringify(event), headers: { "output-id": `${dedupeId}/o0` } }],
    });
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ eachMessage }); // kafkajs's defaults: autoCommit on
}
