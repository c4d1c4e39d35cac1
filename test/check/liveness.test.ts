import { describe, expect, it } from "vitest";
import { liveness } from "../../src/check/liveness.ts";
import { check, correctView } from "../helpers/views.ts";

describe("liveness checker", () => {
  it("finds nothing on a correct run", () => {
    expect(check(liveness, correctView())).toEqual([]);
  });

  it("a drain that did not converge is drain-stuck", () => {
    const view = correctView();
    const anomalies = check(liveness, { ...view, drain: { ...view.drain, converged: false } });
    expect(anomalies.map((a) => a.kind)).toEqual(["drain-stuck"]);
    expect(anomalies[0].detail).toContain(String(view.drain.budgetTicks));
  });

  it("a partition without a live store is no-owner", () => {
    const view = correctView();
    const anomalies = check(liveness, { ...view, liveStores: [view.liveStores[0], null] });
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([["no-owner", 1]]);
  });

  it("a committed offset short of the input end is offset-behind", () => {
    const view = correctView();
    const committed = [...view.committed];
    committed[0] = { offset: view.inputEnd[0] - 1, generation: committed[0].generation };
    const anomalies = check(liveness, { ...view, committed });
    expect(anomalies.map((a) => [a.kind, a.partition, a.offset])).toEqual([["offset-behind", 0, view.inputEnd[0] - 1]]);
  });

  it("judges committed offsets against the input's end offsets, not the records left after retention", () => {
    const view = correctView();
    // retention may truncate every record; the end offsets stay
    const truncated = { ...view, input: view.input.map(() => []) };
    expect(check(liveness, truncated)).toEqual([]);
    const committed = view.committed.map((c) => ({ ...c, offset: 0 }));
    expect(check(liveness, { ...truncated, committed }).map((a) => a.kind)).toEqual(["offset-behind", "offset-behind"]);
  });
});
