/**
 * Planted service bug `no-seek-on-assignment`: the ledger service (../ledger-service.ts) that
 * reads from the group's committed offset (kafkajs's default) instead of seeking to the store's
 * next offset when the group is ahead of the store, and that skips the changelog restore when
 * it first opens a partition whose store is already on its disk (restoring is slow, and the
 * disk survives a restart).
 *
 * The missing seek alone loses nothing in this design: the group offset is committed after
 * the store, so with a restore on every assignment the group is never ahead of the store. The
 * skipped restore alone is covered by the seek: a reused store is behind only by what later
 * owners applied, and the seek replays that from the input. Together they lose it: an
 * instance that restarts on its disk and gets a partition back after another instance moved
 * it on reuses its stale store and reads from the group's offset, past the inputs its store
 * never saw; later inputs are applied to stale balances (exactly-once state:
 * state-divergence; wrong-output). When the store keeps the offset, the store's offset must
 * decide where reading resumes.
 *
 * A happy-path test passes: without a restart no store is stale, and the group is never ahead.
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
  // Partitions this process has opened.
  const opened = new Set<number>();
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
      // The disk survives restarts: a partition this process opens for the first time needs
      // no restore when its store is already here.
      if (opened.has(partition) || store.get(`meta/${partition}`, "next") === undefined) await store.restore(partition);
      opened.add(partition);
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
