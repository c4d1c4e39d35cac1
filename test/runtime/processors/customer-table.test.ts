import { describe, expect, it } from "vitest";
import { type CustomerEvent, type CustomerRecord, type CustomerRow, customerTable } from "../../../src/runtime/processors/customer-table.ts";
import { applyWrites, fold, inputOf, viewOf } from "./fold.ts";

const ada: CustomerRecord = { name: "Ada 0", tier: "gold" };
const alan: CustomerRecord = { name: "Alan 0", tier: "bronze" };
const upsert = (version: number, record: CustomerRecord) => inputOf<CustomerEvent>("cust-0", { customer: "cust-0", version, kind: "upsert", record });
const remove = (version: number) => inputOf<CustomerEvent>("cust-0", { customer: "cust-0", version, kind: "delete" });

describe("customerTable", () => {
  it("a newer upsert writes the row and outputs the event", () => {
    const result = customerTable.process(viewOf(new Map<string, CustomerRow>([["cust-0", { version: 1, deleted: false, record: alan }]])), upsert(2, ada));
    expect(result.writes).toEqual([{ key: "cust-0", value: { version: 2, deleted: false, record: ada } }]);
    expect(result.outputs).toEqual([upsert(2, ada).payload]);
  });

  it("an older or equal version changes nothing but still outputs the same notice", () => {
    const state = new Map<string, CustomerRow>([["cust-0", { version: 5, deleted: false, record: ada }]]);
    const result = customerTable.process(viewOf(state), upsert(3, alan));
    expect(result.writes ?? []).toEqual([]);
    expect(result.outputs).toEqual([upsert(3, alan).payload]);
  });

  it("a delete keeps a versioned marker, so an older upsert cannot resurrect the row", () => {
    const { state } = fold(customerTable, [upsert(1, alan), remove(2), upsert(1, alan)]);
    expect(state.get("cust-0")).toEqual({ version: 2, deleted: true });
  });

  it("duplicates in any order give the state of the unique events", () => {
    const events = [upsert(1, alan), upsert(2, ada), remove(3), upsert(4, alan)];
    const unique = fold(customerTable, events).state;
    const withDuplicates = fold(customerTable, [events[1], events[0], events[3], events[1], events[2], events[0], events[3]]).state;
    expect(withDuplicates).toEqual(unique);
  });

  it("the output depends on the event only", () => {
    const empty = customerTable.process(viewOf(new Map()), upsert(2, ada));
    const full = customerTable.process(viewOf(new Map<string, CustomerRow>([["cust-0", { version: 9, deleted: true }]])), upsert(2, ada));
    expect(full.outputs).toEqual(empty.outputs);
  });

  it("makeEvent is deterministic, carries the event time, and about one event in eight deletes", () => {
    let deletes = 0;
    for (let draw = 0; draw < 1000; draw++) {
      const event = customerTable.makeEvent(1, draw, draw);
      expect(customerTable.makeEvent(1, draw, draw)).toEqual(event);
      expect(event.payload.version).toBe(draw);
      if (event.payload.kind === "delete") deletes++;
    }
    expect(deletes).toBe(125);
  });

  it("a second application of the same event leaves the state unchanged", () => {
    const state = new Map<string, CustomerRow>();
    for (const event of [upsert(1, alan), remove(2), upsert(3, ada)]) {
      applyWrites(state, customerTable.process(viewOf(state), event));
      const once = new Map(state);
      applyWrites(state, customerTable.process(viewOf(state), event));
      expect(state).toEqual(once);
    }
  });
});
