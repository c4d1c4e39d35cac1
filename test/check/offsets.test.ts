// The offsets checker on hand-built histories: an accepted group commit past what any store
// had committed is `offset-ahead`; refused commits and commits at or below it are fine.
import { describe, expect, it } from "vitest";
import { offsets } from "../../src/check/offsets.ts";
import { History, Op } from "../../src/core/history.ts";
import { storeSlot } from "../../src/core/packed-fields.ts";
import { check, correctView } from "../helpers/views.ts";

function viewWith(records: ReadonlyArray<readonly [number, number, number, number]>) {
  const history = new History();
  for (const [op, a, b, c] of records) history.record(op, a, b, c);
  return { ...correctView(), history };
}

describe("offsets", () => {
  it("passes the correct run", () => {
    expect(check(offsets, correctView())).toEqual([]);
  });

  it("passes commits at or below what a store committed, and refused ones", () => {
    const view = viewWith([
      [Op.storeCommit, storeSlot(0, 1), 3, 0],
      [Op.offsetCommit, 0, 1, 3],
      [Op.offsetCommit, 0, 1, -9 - 1], // refused (negative - 1): never judged
      [Op.storeCommit, storeSlot(1, 0), 2, 0],
      [Op.offsetCommit, 1, 0, 1],
    ]);
    expect(check(offsets, view)).toEqual([]);
  });

  it("reports an accepted commit past every store's committed offset, with its step", () => {
    const view = viewWith([
      [Op.storeCommit, storeSlot(0, 1), 3, 0],
      [Op.intent, 4, 3, 1],
      [Op.offsetCommit, 0, 1, 5],
    ]);
    expect(check(offsets, view)).toEqual([
      { kind: "offset-ahead", partition: 1, offset: 5, step: 6, detail: "instance 0 committed offset 5 for partition 1, but input was processed only below 3" },
    ]);
  });

  it("counts a store of another partition for nothing", () => {
    const view = viewWith([
      [Op.storeCommit, storeSlot(0, 0), 7, 0],
      [Op.offsetCommit, 0, 1, 1],
    ]);
    expect(check(offsets, view).map((a) => a.kind)).toEqual(["offset-ahead"]);
  });
});
