import { describe, expect, it } from "vitest";
import { type InventoryEvent, type InventoryState, inventory } from "../../../src/runtime/processors/inventory.ts";
import { fold, inputOf, made, viewOf } from "./fold.ts";

const ev = (kind: InventoryEvent["kind"], quantity: number, sku = "sku-0") => inputOf(sku, { sku, kind, quantity });
const stateWith = (entries: [string, InventoryState][]) => viewOf(new Map(entries));

describe("inventory", () => {
  it("restock adds stock, creating the SKU when absent", () => {
    expect(inventory.process(stateWith([]), ev("restock", 5))).toEqual({
      writes: [{ key: "sku-0", value: { stock: 5, reserved: 0 } }],
      outputs: [{ sku: "sku-0", kind: "restock", accepted: true, stock: 5, reserved: 0 }],
    });
    expect(inventory.process(stateWith([["sku-0", { stock: 4, reserved: 3 }]]), ev("restock", 2)).writes).toEqual([
      { key: "sku-0", value: { stock: 6, reserved: 3 } },
    ]);
  });

  it("reserve takes from available units or is rejected without a write", () => {
    const state = stateWith([["sku-0", { stock: 5, reserved: 2 }]]);
    expect(inventory.process(state, ev("reserve", 3))).toEqual({
      writes: [{ key: "sku-0", value: { stock: 5, reserved: 5 } }],
      outputs: [{ sku: "sku-0", kind: "reserve", accepted: true, stock: 5, reserved: 5 }],
    });
    expect(inventory.process(state, ev("reserve", 4))).toEqual({
      outputs: [{ sku: "sku-0", kind: "reserve", accepted: false, stock: 5, reserved: 2 }],
    });
    expect(inventory.process(stateWith([]), ev("reserve", 1))).toEqual({
      outputs: [{ sku: "sku-0", kind: "reserve", accepted: false, stock: 0, reserved: 0 }],
    });
  });

  it("release gives reservations back, rejecting more than is reserved", () => {
    const state = stateWith([["sku-0", { stock: 5, reserved: 2 }]]);
    expect(inventory.process(state, ev("release", 2))).toEqual({
      writes: [{ key: "sku-0", value: { stock: 5, reserved: 0 } }],
      outputs: [{ sku: "sku-0", kind: "release", accepted: true, stock: 5, reserved: 0 }],
    });
    expect(inventory.process(state, ev("release", 3)).writes).toBeUndefined();
    expect(inventory.process(state, ev("release", 3)).outputs?.[0].accepted).toBe(false);
  });

  it("discontinue deletes the key with a null write", () => {
    const result = inventory.process(stateWith([["sku-0", { stock: 5, reserved: 2 }]]), ev("discontinue", 0));
    expect(result).toEqual({
      writes: [{ key: "sku-0", value: null }],
      outputs: [{ sku: "sku-0", kind: "discontinue", accepted: true, stock: 0, reserved: 0 }],
    });
  });

  it("a restock after discontinue recreates the SKU from nothing", () => {
    const { state } = fold(inventory, [ev("restock", 9), ev("reserve", 4), ev("discontinue", 0), ev("restock", 3)]);
    expect(state.get("sku-0")).toEqual({ stock: 3, reserved: 0 });
    expect(fold(inventory, [ev("restock", 9), ev("discontinue", 0)]).state.has("sku-0")).toBe(false);
  });

  it("is not idempotent: a duplicated restock or reservation changes state and outputs", () => {
    const once = fold(inventory, [ev("restock", 5), ev("reserve", 2)]);
    const twice = fold(inventory, [ev("restock", 5), ev("restock", 5), ev("reserve", 2)]);
    expect(twice.state).not.toEqual(once.state);
    const dupReserve = fold(inventory, [ev("restock", 5), ev("reserve", 2), ev("reserve", 2)]);
    expect(dupReserve.state.get("sku-0")).toEqual({ stock: 5, reserved: 4 });
    expect(dupReserve.outputs[2]).not.toEqual(dupReserve.outputs[1]);
  });

  it("makeEvent is deterministic and in range for every (keyIndex, draw)", () => {
    const counts = { restock: 0, reserve: 0, release: 0, discontinue: 0 };
    for (const keyIndex of [0, 1, 5, 999]) {
      for (let draw = 0; draw < 1000; draw++) {
        const event = inventory.makeEvent(keyIndex, draw, 0);
        expect(inventory.makeEvent(keyIndex, draw, 0)).toEqual(event);
        expect(event.key).toBe(`sku-${keyIndex}`);
        expect(event.payload.sku).toBe(event.key);
        if (event.payload.kind === "discontinue") expect(event.payload.quantity).toBe(0);
        else expect(event.payload.quantity).toBeGreaterThanOrEqual(1);
        expect(event.payload.quantity).toBeLessThanOrEqual(9);
        if (keyIndex === 0) counts[event.payload.kind]++;
      }
    }
    // Deletes are common (about one event in six), so tombstones appear in most runs.
    expect(counts.discontinue).toBeGreaterThanOrEqual(160);
    expect(counts.discontinue).toBeLessThanOrEqual(175);
    expect(counts.release).toBeGreaterThan(0);
  });

  it("events made from generated numbers fold to the same state every time", () => {
    const events = Array.from({ length: 200 }, (_, i) => made(inventory, i % 3, (i * 379) % 1000, `p0-${i}`));
    expect(fold(inventory, events)).toEqual(fold(inventory, events));
    for (const [, value] of fold(inventory, events).state) {
      expect(value.reserved).toBeLessThanOrEqual(value.stock);
      expect(value.reserved).toBeGreaterThanOrEqual(0);
    }
  });
});
