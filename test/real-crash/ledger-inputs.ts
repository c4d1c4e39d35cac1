/**
 * The real-crash suite's input: a deterministic sequence of ledger commands on one partition,
 * as the ledger service receives them (a dedupe ID and a bank-ledger command), including
 * producer retries (an earlier input again, same dedupe ID, at a later offset), which the
 * service must skip. A pure function of the seed and the offset, so the process under test
 * and the checker agree on it without sharing anything but the two numbers.
 */
import type { LogRecord } from "../../src/broker/log-record.ts";
import type { InputEvent } from "../../src/broker/producer.ts";
import type { LedgerEvent } from "../../src/runtime/processors/bank-ledger.ts";

/** The namespaces the ledger service keeps partition 0 in. */
export const namespaces = { balances: "balances/0", dedupe: "dedupe/0", meta: "meta/0", outbox: "outbox/0" } as const;

/** One input: its dedupe ID and the command. */
export interface LedgerInput {
  readonly dedupeId: string;
  readonly command: LedgerEvent;
}

/** A 32-bit hash of (seed, offset) (mulberry32's finaliser): the input's own random numbers. */
function draw(seed: number, offset: number, salt: number): number {
  let t = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(offset + 1, 0xc2b2ae35) + salt) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** The input at `offset`: one in six repeats one of the five before it (a producer retry). */
export function inputAt(seed: number, offset: number): LedgerInput {
  if (offset > 0 && draw(seed, offset, 1) % 6 === 0) return inputAt(seed, offset - 1 - (draw(seed, offset, 2) % Math.min(5, offset)));
  const r = draw(seed, offset, 3);
  const account = `acct-${r % 5}`;
  return { dedupeId: `in-${offset}`, command: { account, kind: r % 3 === 0 ? "withdraw" : "deposit", amount: 1 + ((r >>> 8) % 97) } };
}

/** The first `count` inputs as input-log records, for the reference model. */
export function inputRecords(seed: number, count: number): LogRecord<InputEvent<LedgerEvent>>[] {
  return Array.from({ length: count }, (_, offset) => {
    const { dedupeId, command } = inputAt(seed, offset);
    return { offset, key: command.account, value: { dedupeId, key: command.account, payload: command }, timestampTicks: 0, batch: offset };
  });
}
