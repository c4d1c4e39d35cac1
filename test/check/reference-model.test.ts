import { describe, expect, it } from "vitest";
import { checkContextOf } from "../../src/check/check-context.ts";
import { referenceModel } from "../../src/check/reference-model.ts";
import { sameValue, show } from "../../src/check/same-value.ts";
import type { InputEvent } from "../../src/broker/producer.ts";
import { PartitionLog } from "../../src/broker/partition-log.ts";
import type { LedgerEvent } from "../../src/runtime/processors/bank-ledger.ts";
import { correctView, withArchive } from "../helpers/views.ts";

function inputLog(events: Array<[string, LedgerEvent]>): PartitionLog<InputEvent> {
  const log = new PartitionLog<InputEvent>();
  for (const [dedupeId, payload] of events) log.appendBatch([{ key: payload.account, value: { dedupeId, key: payload.account, payload } }], 0);
  return log;
}

describe("referenceModel", () => {
  it("folds unique events in offset order, first occurrence wins", () => {
    const view = correctView();
    const log = inputLog([
      ["a", { account: "x", kind: "deposit", amount: 5 }],
      ["b", { account: "x", kind: "withdraw", amount: 10 }], // rejected
      ["a", { account: "x", kind: "deposit", amount: 5 }], // duplicate: ignored
      ["c", { account: "x", kind: "withdraw", amount: 3 }],
      ["d", { account: "y", kind: "deposit", amount: 1 }],
    ]);
    const model = referenceModel(withArchive(view, 0, log.snapshot()));
    const p0 = model.partitions[0];
    expect(Object.fromEntries(p0.state)).toEqual({ x: 2, y: 1 });
    expect([...p0.applied]).toEqual([["a", 0], ["b", 1], ["c", 3], ["d", 4]]);
    expect(Object.fromEntries(p0.lastWriter)).toEqual({ x: 3, y: 4 });
    expect(model.outputs.get("b/o0")).toEqual({ account: "x", accepted: false, balance: 5 });
    expect(model.outputs.get("c/o0")).toEqual({ account: "x", accepted: true, balance: 2 });
    expect(model.outputs.has("a/o1")).toBe(false);
    // state hash after each prefix: equal where the state did not change
    expect(p0.stateHashBefore).toHaveLength(6);
    expect(p0.stateHashBefore[0]).toBe(0);
    expect(p0.stateHashBefore[1]).not.toBe(0);
    expect(p0.stateHashBefore[2]).toBe(p0.stateHashBefore[1]); // rejected withdrawal
    expect(p0.stateHashBefore[3]).toBe(p0.stateHashBefore[2]); // duplicate
    expect(p0.stateHashBefore[4]).not.toBe(p0.stateHashBefore[3]);
  });

  it("folds the input archive, so truncated input still counts", () => {
    const view = correctView();
    // retention truncated every record of partition 0; the archive keeps them
    const truncated: typeof view = { ...view, input: [[], view.input[1]] };
    const model = referenceModel(truncated);
    expect(Object.fromEntries(model.partitions[0].state)).toEqual({ "acct-0": 2, "acct-2": 3 });
  });

  it("is folded once per check context, on first use, and each context folds its own", () => {
    const view = correctView();
    const context = checkContextOf(view);
    const model = context.model;
    expect(context.model).toBe(model);
    expect(model).toEqual(referenceModel(view));
    expect(checkContextOf(view).model).not.toBe(model);
    // a context built for another view folds that view
    const other = withArchive(view, 0, []);
    expect(checkContextOf(other).model.partitions[0].state.size).toBe(0);
    expect(model.partitions[0].state.size).toBeGreaterThan(0);
  });

  it("a context that no checker asks for the model never folds it", () => {
    const view = correctView();
    // a processor that throws would fail the fold: building the context alone must not run it
    const broken = { ...view, config: { ...view.config, processor: { ...view.config.processor, process: () => { throw new Error("folded"); } } } };
    let context: ReturnType<typeof checkContextOf> | undefined;
    expect(() => (context = checkContextOf(broken))).not.toThrow();
    expect(() => context!.model).toThrow("folded");
  });
});

describe("sameValue", () => {
  it("compares structurally, ignoring key order", () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(1, "1")).toBe(false);
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(0, undefined)).toBe(false);
  });

  it("show marks absent values", () => {
    expect(show(undefined)).toBe("(absent)");
    expect(show({ a: 1 })).toBe('{"a":1}');
  });
});
