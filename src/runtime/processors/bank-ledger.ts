/**
 * Bank ledger: deposits and withdrawals on accounts. Not idempotent (applying a deposit twice
 * changes the balance), so any duplicate or lost application shows in the final state.
 * A withdrawal larger than the balance is rejected, which makes outputs depend on order.
 */
import { defineProcessor } from "../processor.ts";

/** A ledger event. */
export interface LedgerEvent {
  readonly account: string;
  readonly kind: "deposit" | "withdraw";
  readonly amount: number;
}

/** A ledger output: the outcome of one event. */
export interface LedgerOutput {
  readonly account: string;
  readonly accepted: boolean;
  readonly balance: number;
}

/** The bank ledger processor. */
export const bankLedger = defineProcessor<number, LedgerEvent, LedgerOutput>({
  name: "bank-ledger",
  description: "deposits and withdrawals on accounts (not idempotent)",
  eventKinds: ["deposit", "withdraw"],
  makeEvent(keyIndex, draw, _eventTime, wanted) {
    const account = `acct-${keyIndex}`;
    // Left to the draw, one event in three withdraws; the amount comes from the draw either way.
    const kind = wanted === "deposit" || wanted === "withdraw" ? wanted : draw % 3 === 0 ? "withdraw" : "deposit";
    return { key: account, payload: { account, kind, amount: 1 + (draw % 97) } };
  },
  process(state, event) {
    const { account, kind, amount } = event.payload;
    const balance = state.get(account) ?? 0;
    if (kind === "withdraw" && amount > balance) {
      return { outputs: [{ account, accepted: false, balance }] };
    }
    const next = kind === "deposit" ? balance + amount : balance - amount;
    return { writes: [{ key: account, value: next }], outputs: [{ account, accepted: true, balance: next }] };
  },
});
