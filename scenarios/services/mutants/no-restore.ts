/**
 * Planted service bug `no-restore`: the ledger service (../ledger-service.ts) that never calls
 * `store.restore(partition)`. The store is on a persistent disk, so the service uses whatever
 * it finds there; for a partition its disk knows nothing about, it starts where the consumer
 * group says (kafkajs's position: the committed offset), as a service that sees no reason to
 * replay what the group already committed would.
 *
 * When a partition moves to an instance that never had it (or whose disk was wiped), its new
 * owner starts from an empty store at the committed offset: every balance written before is
 * gone, the next deposit starts from 0 (exactly-once state, effectively-once outputs). Nothing
 * fences the previous owner either. The changelog is the state's durable copy; the fix is the
 * ledger's restore on every assignment.
 *
 * A happy-path test passes: without faults each partition keeps one owner and its store.
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
      // Nothing on this disk for the partition: start where the group says.
      const next = store.get<number>(`meta/${partition}`, "next") ?? offset;
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
    const next = store.get<number>(`meta/${partition}`, "next");
    if (next === undefined) return;
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
