/**
 * The bank ledger as an ordinary kafkajs service, exactly-once without broker transactions.
 * Copy it: it is what `eosim run ledger-service` tests, unmodified, under every fault.
 *
 * - Each input is applied in one store transaction with everything that must agree with it:
 *   the balance, the input's dedupe ID, the partition's next offset and the outputs it
 *   causes (an outbox). A crash before the commit loses nothing the broker cannot redeliver;
 *   a crash after it loses nothing at all.
 * - Duplicates (producer retries, upstream re-sends) are skipped by dedupe ID, never by offset.
 * - Outputs carry an ID derived from the input's dedupe ID, so a re-send after a crash is a
 *   duplicate consumers can drop. They are sent from the outbox, then the outbox is cleared.
 * - The store's offset is the truth: on assignment the partition's store is restored from its
 *   changelog (which also fences older owners, so a zombie's writes are refused), and reading
 *   resumes from the store's next offset, whatever the group committed. The group offset is
 *   committed after the store, as a hint for the next owner.
 * - On SIGTERM it disconnects, which leaves the group once the batch in hand is done.
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

  // A deploy stops the process with SIGTERM: leave the group now, after the batch in hand,
  // so its partitions move at once rather than after the session timeout; then end the
  // process with the signal (kafkajs's documented shutdown).
  process.once("SIGTERM", async () => {
    try {
      await consumer.disconnect();
      await producer.disconnect();
    } finally {
      process.kill(process.pid, "SIGTERM");
    }
  });

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ autoCommit: false, eachBatch, eachBatchAutoResolve: false });
}
