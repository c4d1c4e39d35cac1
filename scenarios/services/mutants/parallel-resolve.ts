/**
 * Planted service bug `parallel-resolve`: the ledger service (../ledger-service.ts) made
 * faster. Every command waits on a remote fraud check, so the inputs of a batch are processed
 * in parallel, one chain per account (each account's commands still in order, so balances are
 * right), each with its own transaction and outbox entry. Progress is kafkajs's: the handler
 * resolves offsets as inputs finish and kafkajs auto-commits them (`autoCommitThreshold: 1`,
 * via `commitOffsetsIfNecessary`); reading resumes from the group's committed offset.
 *
 * What is wrong: inputs finish out of order, and the handler resolves the highest offset
 * finished so far. A later input of a fast account is resolved and committed while an earlier
 * input of a slow account is still in its fraud check; a crash (or a lost partition) then
 * resumes after the earlier input, which is never applied (exactly-once state:
 * state-divergence; effectively-once outputs: lost-output). Only the offset below which every
 * input is done may be resolved (or the store must say which inputs are done).
 *
 * A happy-path test passes: once the whole batch is done, the highest offset is the right one.
 */
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from "kafkajs";

/** The store eosim gives the service (a durable embedded key/value store). */
export interface LedgerStore {
  get<T>(namespace: string, key: string): T | undefined;
  transaction(): {
    get<T>(namespace: string, key: string): T | undefined;
    put(namespace: string, key: string, value: unknown): void;
    delete(namespace: string, key: string): void;
    commit(): Promise<void>;
  };
  scan<T>(namespace: string): Array<[string, T]>;
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

/** The fraud service: a remote call that takes longer for larger amounts. */
const fraudCheck = (command: LedgerCommand) => new Promise<void>((resolve) => setTimeout(resolve, 60 * command.amount));

export async function start({ kafka, store }: { kafka: Kafka; store: LedgerStore }): Promise<void> {
  const consumer: Consumer = kafka.consumer({ groupId: "ledger" });
  const producer: Producer = kafka.producer();
  // Partitions restored in this life since the last rebalance.
  let restored = new Set<number>();
  consumer.on(consumer.events.GROUP_JOIN, () => {
    restored = new Set();
  });

  // One outbox entry per input (inputs of different accounts are in flight together).
  const sendOutbox = async (partition: number): Promise<void> => {
    const pending = store.scan<Outgoing>(`outbox/${partition}`);
    if (pending.length === 0) return;
    await producer.send({
      topic: topics.output,
      messages: pending.map(([, o]) => ({ key: o.key, value: JSON.stringify(o.event), headers: { "output-id": o.id } })),
    });
    const clear = store.transaction();
    for (const [key] of pending) clear.delete(`outbox/${partition}`, key);
    await clear.commit();
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    const partition = batch.partition;
    if (!restored.has(partition)) {
      await store.restore(partition);
      restored.add(partition);
    }
    await sendOutbox(partition);
    // Accounts are independent: each account's commands in order, the accounts in parallel.
    const byAccount = new Map<string, KafkaMessage[]>();
    for (const message of batch.messages) {
      const account = message.key?.toString() ?? "";
      byAccount.set(account, [...(byAccount.get(account) ?? []), message]);
    }
    const handle = async (message: KafkaMessage): Promise<void> => {
      const dedupeId = message.headers?.["dedupe-id"]?.toString();
      if (dedupeId === undefined) throw new Error(`input at ${partition}/${message.offset} has no dedupe-id header`);
      if (store.get(`dedupe/${partition}`, dedupeId) !== undefined) return; // a redelivery or an upstream re-send
      const command = JSON.parse(message.value!.toString()) as LedgerCommand;
      await fraudCheck(command);
      const tx = store.transaction();
      const event = apply(tx.get<number>(`balances/${partition}`, command.account) ?? 0, command);
      if (event.accepted) tx.put(`balances/${partition}`, command.account, event.balance);
      tx.put(`dedupe/${partition}`, dedupeId, Number(message.offset));
      tx.put(`outbox/${partition}`, dedupeId, { id: `${dedupeId}/o0`, key: command.account, event });
      await tx.commit();
      await sendOutbox(partition);
    };
    // Inputs finish out of order: the partition's progress is the highest offset done so far.
    let highest = -1;
    await Promise.all(
      [...byAccount.values()].map(async (messages) => {
        for (const message of messages) {
          if (!isRunning() || isStale()) return;
          await handle(message);
          highest = Math.max(highest, Number(message.offset));
          resolveOffset(String(highest));
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      }),
    );
  };

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: topics.input, fromBeginning: true });
  await consumer.run({ eachBatch, eachBatchAutoResolve: false, autoCommitThreshold: 1 });
}
