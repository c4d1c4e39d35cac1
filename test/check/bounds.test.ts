// The bounds checker on hand-built histories: with a dedupe window of W, a store recorded
// holding more than W dedupe IDs is `dedupe-window-exceeded`; without a window nothing is judged.
import { describe, expect, it } from "vitest";
import { bounds } from "../../src/check/bounds.ts";
import { History, Op } from "../../src/core/history.ts";
import { storeSlot } from "../../src/core/packed-fields.ts";
import { check, correctView } from "../helpers/views.ts";

function viewWith(window: number | null, sizes: ReadonlyArray<readonly [number, number, number]>) {
  const history = new History();
  for (const [instance, partition, size] of sizes) history.record(Op.dedupeSize, storeSlot(instance, partition), size);
  const base = correctView();
  return { ...base, history, config: { ...base.config, runtime: { ...base.config.runtime, dedupeWindowOffsets: window } } };
}

describe("bounds", () => {
  it("passes stores within their window", () => {
    expect(check(bounds, viewWith(3, [[0, 0, 1], [0, 0, 3], [1, 1, 2]]))).toEqual([]);
  });

  it("reports the first store above its window", () => {
    expect(check(bounds, viewWith(3, [[0, 0, 3], [2, 1, 4], [0, 0, 9]]))).toEqual([
      { kind: "dedupe-window-exceeded", partition: 1, detail: "instance 2 holds 4 dedupe IDs for partition 1, above its window of 3" },
    ]);
  });

  it("judges nothing without a window", () => {
    expect(check(bounds, viewWith(null, [[0, 0, 1000]]))).toEqual([]);
  });
});
