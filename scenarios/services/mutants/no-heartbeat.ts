/**
 * Planted service bug `no-heartbeat`: the ledger service (../ledger-service.ts) that has each
 * batch reviewed by a remote fraud service before applying it: one call per batch, about 1.5
 * seconds per transaction, and no heartbeat while it waits.
 *
 * What is wrong: the group hears nothing from the member during the call. A batch of seven or
 * more transactions keeps it silent for longer than the session timeout (10 s in eosim's
 * scenarios), so the coordinator evicts it and gives its partitions to another member, which
 * fetches the same backlog, makes the same long call and is evicted in turn, while the first
 * one, a zombie now, finishes its batch against a store whose writes are refused. Once a
 * partition has such a backlog the group never gets past it: a rebalance storm, and the input
 * is never processed (liveness: drain-stuck, offset-behind). Heartbeating during the call (or
 * a smaller batch, e.g. `maxBytesPerPartition`, or the call per message with a heartbeat
 * after each) fixes it.
 *
 * Not an exactly-once violation, and that is the design working: the store's restore fences
 * the zombie's writes and processing is deterministic, so a zombie of this service cannot
 * corrupt state or outputs; what a missing heartbeat breaks here is progress.
 *
 * A happy-path test passes: with a steady input the service keeps up and batches stay small;
 * only a backlog (an instance that crashed or stalled for a while, or a burst of inputs for one
 * partition before it is consumed) makes a batch long enough.
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

/** The fraud service's review of a batch: a remote call of about 1.5 seconds per transaction. */
const reviewBatch = (transactions: number) => new Promise<void>((resolve) => setTimeout(resolve, 1_500 * transactions));

export async function start({ kafka, store }: { kafka: Kafka; store: LedgerStore }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "ledger" });
  const producer: Producer = kafka.producer();
  // Partitions restored in this life since the last rebalance.
  let restored = new Set<number>();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    restored = new Set();
  });

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
    if (!restored.has(partition)) {
      await store.restore(partition);
      restored.add(partition);
    }
    await sendOutbox(partition);
    await reviewBatch(batch.messages.length);
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
