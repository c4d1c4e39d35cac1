/**
 * Inventory reservations with deletes: per-SKU stock and reservations. Restocks add stock,
 * reservations take from what is available (or are rejected), releases give reservations
 * back, and discontinuing a SKU deletes its key. Not idempotent (a duplicated restock or
 * reservation changes the counts), and about one event in six is a delete, so the
 * changelog is full of tombstones: restoration must keep discontinued SKUs deleted (even after
 * compaction drops the tombstone's predecessors), and a later restock recreates the SKU from
 * nothing, which a restore that resurrects old values gets wrong.
 */
import { defineProcessor } from "../processor.ts";

/** A SKU's state. A SKU with no key has no stock and no reservations. */
export interface InventoryState {
  /** Units on hand, reserved or not. */
  readonly stock: number;
  /** Units promised to reservations; never more than `stock`. */
  readonly reserved: number;
}

/** An inventory event. `quantity` is 0 for `discontinue`. */
export interface InventoryEvent {
  readonly sku: string;
  readonly kind: "restock" | "reserve" | "release" | "discontinue";
  readonly quantity: number;
}

/** An inventory output: the outcome of one event and the SKU's state after it. */
export interface InventoryOutput {
  readonly sku: string;
  readonly kind: InventoryEvent["kind"];
  /** False for a reservation beyond the available units or a release beyond the reserved ones. */
  readonly accepted: boolean;
  readonly stock: number;
  readonly reserved: number;
}

/** The event kinds, each once, in the order a scenario's `workload.mix` refers to them. */
const eventKinds: readonly InventoryEvent["kind"][] = ["restock", "reserve", "release", "discontinue"];

/** The draw's own mix: twice as many restocks and reservations as releases and discontinues. */
const drawnKinds: readonly InventoryEvent["kind"][] = ["restock", "restock", "reserve", "reserve", "release", "discontinue"];

/** The inventory processor. */
export const inventory = defineProcessor<InventoryState, InventoryEvent, InventoryOutput>({
  name: "inventory",
  description: "SKU stock and reservations; discontinuing deletes the key (tombstones; not idempotent)",
  eventKinds,
  makeEvent(keyIndex, draw, _eventTime, wanted) {
    const sku = `sku-${keyIndex}`;
    const kind = eventKinds.find((k) => k === wanted) ?? drawnKinds[draw % drawnKinds.length];
    const quantity = kind === "discontinue" ? 0 : 1 + (Math.floor(draw / drawnKinds.length) % 9);
    return { key: sku, payload: { sku, kind, quantity } };
  },
  process(state, event) {
    const { sku, kind, quantity } = event.payload;
    const current = state.get(sku);
    const stock = current?.stock ?? 0;
    const reserved = current?.reserved ?? 0;
    switch (kind) {
      case "discontinue":
        return { writes: [{ key: sku, value: null }], outputs: [{ sku, kind, accepted: true, stock: 0, reserved: 0 }] };
      case "restock": {
        const next = { stock: stock + quantity, reserved };
        return { writes: [{ key: sku, value: next }], outputs: [{ sku, kind, accepted: true, ...next }] };
      }
      case "reserve":
      case "release": {
        const ok = kind === "reserve" ? quantity <= stock - reserved : quantity <= reserved;
        if (!ok) return { outputs: [{ sku, kind, accepted: false, stock, reserved }] };
        const next = { stock, reserved: kind === "reserve" ? reserved + quantity : reserved - quantity };
        return { writes: [{ key: sku, value: next }], outputs: [{ sku, kind, accepted: true, ...next }] };
      }
    }
  },
});
