/**
 * Customer table: a materialized table (latest record per customer) built from a stream of
 * versioned upserts and deletes, the way a CDC projection is. Every event carries the whole
 * record (or a delete) and the upstream's version (its event time); an event applies only when
 * it is newer than what the table holds, and a delete keeps a versioned marker instead of
 * erasing the row. Outputs depend on the event alone.
 *
 * That makes the table commutative and idempotent: a duplicate (a retry after a lost ACK, an
 * out-of-order retry, an upstream re-publish) changes neither the state nor the outputs, in
 * any order. So it stays exactly-once even with dedupe switched off, unlike the bank ledger:
 * the `customer-table-no-dedupe` scenario shows the difference. (An unversioned last-write-wins
 * upsert would not be enough: a late retry would revert a newer record.)
 */
import { defineProcessor } from "../processor.ts";

/** A customer record. */
export interface CustomerRecord {
  readonly name: string;
  readonly tier: "bronze" | "silver" | "gold";
}

/** A row of the table: the record, or a delete marker, with the version that wrote it. */
export type CustomerRow =
  | { readonly version: number; readonly deleted: false; readonly record: CustomerRecord }
  | { readonly version: number; readonly deleted: true };

/** A customer event: upsert the whole record, or delete the customer, at a version. */
export type CustomerEvent =
  | { readonly customer: string; readonly version: number; readonly kind: "upsert"; readonly record: CustomerRecord }
  | { readonly customer: string; readonly version: number; readonly kind: "delete" };

/** A change notice: the event as received (independent of the table's state). */
export type CustomerOutput = CustomerEvent;

const tiers: readonly CustomerRecord["tier"][] = ["bronze", "silver", "gold"];
const names: readonly string[] = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Leslie"];

/** The customer table processor. */
export const customerTable = defineProcessor<CustomerRow, CustomerEvent, CustomerOutput>({
  name: "customer-table",
  description: "materialized customer table of versioned upserts and deletes (idempotent)",
  eventKinds: ["upsert", "delete"],
  makeEvent(keyIndex, draw, eventTime, wanted) {
    const customer = `cust-${keyIndex}`;
    // Left to the draw, one event in eight deletes.
    const deletes = wanted === "delete" || (wanted !== "upsert" && draw % 8 === 0);
    if (deletes) return { key: customer, payload: { customer, version: eventTime, kind: "delete" } };
    const record: CustomerRecord = { name: `${names[(keyIndex + draw) % names.length]} ${keyIndex}`, tier: tiers[Math.floor(draw / 8) % tiers.length] };
    return { key: customer, payload: { customer, version: eventTime, kind: "upsert", record } };
  },
  process(state, event) {
    const payload = event.payload;
    const current = state.get(payload.customer);
    const outputs = [payload];
    if (current !== undefined && current.version >= payload.version) return { outputs };
    const row: CustomerRow = payload.kind === "delete" ? { version: payload.version, deleted: true } : { version: payload.version, deleted: false, record: payload.record };
    return { writes: [{ key: payload.customer, value: row }], outputs };
  },
});
