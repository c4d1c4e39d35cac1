/**
 * Planted service bug `no-restore`: the ledger service (../ledger-service.ts) that never calls
 * `store.restore(partition)`: the store is on a persistent disk, so the service uses whatever
 * it finds there, and reads from the store's next offset as the ledger does.
 *
 * The reasoning behind it: the local store is durable, and a partition this instance has not
 * had before starts from an empty store at offset 0, so the input is replayed into it. But
 * the input is not kept forever: once retention has deleted its start (it may delete what
 * the group has committed), the new owner of a partition cannot rebuild the state from it. It
 * seeks back to its store's offset 0 again and again and never applies an input (effectively-
 * once outputs: lost-output; liveness: drain-stuck). Without a restore nothing fences the
 * partition's previous owner either, so a stalled one (a zombie) goes on writing to the
 * changelog next to the new owner. The changelog is the state's durable copy; the fix is the
 * ledger's restore on every assignment.
 *
 * A happy-path test passes: without faults each partition keeps one owner and its input.
 */
import type { Consumer, EachBatchPayload, Kafka, Producer } from "kafkajs";

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

interface Outgoing {
  readonly id: string;
  readonly key: string;
  readonly event: LedgerEvent;
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

  const sendOutbox = async (partition: number): Promise<void> => {
    const pending = store.get<Outgoing[]>(`outbox/${partition}`, "pending");
    if (pending === undefined || pending.length === 0) return;
    await producer.send({
      topic: topics.output,
      messages: pending.map((o) => ({ key: o.key, value: JSON.stringify(o.event), headers: { "output-id": o.id } })),
    });
    const clear = store.transaction();
    clear.delete(`outbox/${partition}`, "pending");
    await clear.commit();
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const partition = batch.partition;
    // The store is on a persistent disk: what is there is the partition's state.
    await sendOutbox(partition);
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const offset = Number(message.offset);
      const next = store.get<number>(`meta/${partition}`, "next") ?? 0;
      if (offset < next) {
        resolveOffset(message.offset); // applied before (by this store or the one it was restored from)
        continue;
      }
      if (offset > next) {
        // The group's offset is ahead of the store: read from where the store is.
        consumer.seek({ topic: batch.topic, partition, offset: String(next) });
        return;
      }
      const dedupeId = message.headers?.["dedupe-id"]?.toString();
      if (dedupeId === undefined) throw new Error(`input at ${partition}/${offset} has no dedupe-id header`);
      const tx = store.transaction();
      tx.put(`meta/${partition}`, "next", offset + 1);
      if (tx.get(`dedupe/${partition}`, dedupeId) === undefined) {
        const command = JSON.parse(message.value!.toString()) as LedgerCommand;
        const event = apply(tx.get<number>(`balances/${partition}`, command.account) ?? 0, command);
        if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
        tx.put(`dedupe/${partition}`, dedupeId, offset);
        tx.put(`outbox/${partition}`, "pending", [{ id: `${dedupeId}/o0`, key: command.account, event }]);
      }
      await tx.commit();
      await sendOutbox(partition);
      resolveOffset(message.offset);
      await heartbeat();
    }
    const next = store.get<number>(`meta/${partition}`, "next") ?? 0;
    try {
      await consumer.commitOffsets([{ topic: batch.topic, partition, offset: String(next) }]);
    } catch {
      // A rebalance refused it. kafkajs wraps that error as non-retriable, and letting it out
      // of eachBatch would crash the consumer for good; the store's offset is the truth anyway.
    }
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch, eachBatchAutoResolve: false });
}
