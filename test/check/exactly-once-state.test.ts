import { describe, expect, it } from "vitest";
import { exactlyOnceState } from "../../src/check/exactly-once-state.ts";
import { check, correctView, withStore } from "../helpers/views.ts";

describe("exactly-once-state checker", () => {
  it("finds nothing on a correct run (with a duplicate input in it)", () => {
    const view = correctView();
    expect(view.input[0].map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p1-0", "p1-0", "p0-2"]);
    expect(check(exactlyOnceState, view)).toEqual([]);
  });

  it("reports a changed value as state-divergence, pointing at the last writer", () => {
    const view = withStore(correctView(), 1, (store) => store.state.set("acct-1", 999));
    const anomalies = check(exactlyOnceState, view);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ kind: "state-divergence", partition: 1, offset: 2 });
    expect(anomalies[0].detail).toContain("acct-1");
    expect(anomalies[0].detail).toContain("13");
    expect(anomalies[0].detail).toContain("999");
  });

  it("reports a missing key and an extra key", () => {
    const view = withStore(correctView(), 0, (store) => {
      store.state.delete("acct-2");
      store.state.set("ghost", 1);
    });
    const anomalies = check(exactlyOnceState, view);
    expect(anomalies.map((a) => [a.kind, a.partition, a.offset])).toEqual([
      ["state-divergence", 0, 1],
      ["state-divergence", 0, undefined],
    ]);
  });

  it("detects a double-applied deposit", () => {
    const view = withStore(correctView(), 0, (store) => store.state.set("acct-2", (store.state.get("acct-2") as number) * 2));
    expect(check(exactlyOnceState, view).map((a) => a.kind)).toEqual(["state-divergence"]);
  });

  it("skips partitions without a live store", () => {
    const view = withStore(correctView(), 0, (store) => store.state.set("acct-0", -1));
    const liveStores = [null, view.liveStores[1]];
    expect(check(exactlyOnceState, { ...view, liveStores })).toEqual([]);
  });
});
