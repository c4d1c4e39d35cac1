/**
 * Planted service bug `unawaited-send`: the ledger service (../ledger-service.ts) with
 * `eachMessage` and kafkajs's defaults (auto-commit on, reading resumes from the group's
 * committed offset), where the output event is sent fire-and-forget: the send starts before
 * the store transaction (balance and dedupe ID) and nothing waits for it.
 *
 * The reasoning behind it: the output's ID comes from the input's dedupe ID, so sending it
 * early is safe (a re-send is a duplicate consumers drop), and not awaiting it keeps the
 * partition fast; the idempotent producer retries it in the background. But the handler
 * returns, the store has the dedupe ID and kafkajs commits the offset while the send may still
 * be in flight: a crash then loses it, and the redelivered input (if any) is skipped as a
 * duplicate (effectively-once outputs: lost-output). Awaiting the send before the store
 * commit would be correct.
 *
 * A happy-path test passes: with no crash, every send completes in the background.
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
    const event = apply(store.get<number>(`balances/${partition}`, command.account) ?? 0, command);
    // The output's ID makes a re-send harmless, so send it now and do not wait for it.
    producer.send({
      topic: topics.output,
      messages: [{ key: command.account, value: JSON.stringify(event), headers: { "output-id": `${dedupeId}/o0` } }],
    }).catch((error) => console.log(`send failed: ${error}`));
    const tx = store.transaction();
    if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
    tx.put(`dedupe/${partition}`, dedupeId, Number(message.offset));
    await tx.commit();
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ eachMessage }); // kafkajs's defaults: autoCommit on
}
