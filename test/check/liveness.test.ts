import { describe, expect, it } from "vitest";
import { liveness } from "../../src/check/liveness.ts";
import { correctView } from "../helpers/views.ts";

describe("liveness checker", () => {
  it("finds nothing on a correct run", () => {
    expect(liveness.check(correctView())).toEqual([]);
  });

  it("a drain that did not converge is drain-stuck", () => {
    const view = correctView();
    const anomalies = liveness.check({ ...view, drain: { ...view.drain, converged: false } });
    expect(anomalies.map((a) => a.kind)).toEqual(["drain-stuck"]);
    expect(anomalies[0].detail).toContain(String(view.drain.budgetTicks));
  });

  it("a partition without a live store is no-owner", () => {
    const view = correctView();
    const anomalies = liveness.check({ ...view, liveStores: [view.liveStores[0], null] });
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([["no-owner", 1]]);
  });

  it("a committed offset short of the input end is offset-behind", () => {
    const view = correctView();
    const committed = [...view.committed];
    committed[0] = { offset: view.input[0].endOffset - 1, generation: committed[0].generation };
    const anomalies = liveness.check({ ...view, committed });
    expect(anomalies.map((a) => [a.kind, a.partition, a.offset])).toEqual([["offset-behind", 0, view.input[0].endOffset - 1]]);
  });
});
