import { describe, expect, it } from "vitest";
import { effectivelyOnceOutputs, rawDuplicateOutputs } from "../../src/check/effectively-once-outputs.ts";
import type { OutputRecord } from "../../src/runtime/changelog-record.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { check, correctView, filtered, withLog } from "../helpers/views.ts";

/** `view` with `record` appended to output partition `partition`, as a batch of its own at the end of the log. */
function appendOutput(view: WorldView, partition: number, record: OutputRecord): WorldView {
  const records = view.output[partition];
  const last = records.at(-1);
  const appended = { offset: (last?.offset ?? -1) + 1, key: record.outputId, value: record, timestampTicks: view.nowTicks, batch: (last?.batch ?? -1) + 1 };
  return withLog(view, "output", partition, [...records, appended]);
}

describe("effectively-once-outputs checker", () => {
  it("finds nothing on a correct run", () => {
    const view = correctView();
    expect(check(effectivelyOnceOutputs, view)).toEqual([]);
    expect(rawDuplicateOutputs(view)).toBe(0);
  });

  it("a re-sent output with the same payload is a raw duplicate, not a violation", () => {
    const view = correctView();
    const first = view.output[0][0].value!;
    const dup = appendOutput(view, 0, { ...first, payload: structuredClone(first.payload) });
    expect(check(effectivelyOnceOutputs, dup)).toEqual([]);
    expect(rawDuplicateOutputs(dup)).toBe(1);
  });

  it("a duplicate output ID with a different payload is inconsistent-output", () => {
    const view = correctView();
    const first = view.output[0][0].value!;
    const bad = appendOutput(view, 0, { ...first, payload: { account: "acct-0", accepted: true, balance: 77 } });
    const anomalies = check(effectivelyOnceOutputs, bad);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ kind: "inconsistent-output", partition: 0, offset: bad.output[0].at(-1)!.offset });
    expect(anomalies[0].detail).toContain(first.outputId);
  });

  it("a duplicate in another partition is still compared by output ID", () => {
    const view = correctView();
    const first = view.output[0][0].value!;
    const bad = appendOutput(view, 1, { ...first, payload: "other" });
    expect(check(effectivelyOnceOutputs, bad).map((a) => [a.kind, a.partition])).toEqual([["inconsistent-output", 1]]);
  });

  it("one cause sent under a second output ID is duplicate-output (a consumer cannot drop it)", () => {
    const view = correctView();
    const first = view.output[0][0].value!;
    const bad = appendOutput(view, 0, { ...first, outputId: "r12345" });
    const anomalies = check(effectivelyOnceOutputs, bad);
    expect(anomalies.map((a) => [a.kind, a.partition])).toEqual([["duplicate-output", 0]]);
    expect(anomalies[0].detail).toContain(first.cause);
  });

  it("a missing output is lost-output", () => {
    const view = correctView();
    const lost = withLog(view, "output", 1, filtered(view.output[1], (key) => key !== "p0-1/o0"));
    const anomalies = check(effectivelyOnceOutputs, lost);
    expect(anomalies.map((a) => a.kind)).toEqual(["lost-output"]);
    expect(anomalies[0].detail).toContain("p0-1/o0");
  });

  it("an output the model never produces is unexpected-output", () => {
    const view = correctView();
    const bad = appendOutput(view, 0, { outputId: "p9-9/o0", cause: "p9-9/o0", payload: 1 });
    expect(check(effectivelyOnceOutputs, bad).map((a) => a.kind)).toEqual(["unexpected-output"]);
  });

  it("an output with the wrong payload is wrong-output", () => {
    const view = correctView();
    const [r0, ...rest] = view.output[0];
    const log = [{ ...r0, value: { ...r0.value!, payload: { account: "acct-0", accepted: true, balance: 3 } } }, ...rest];
    const anomalies = check(effectivelyOnceOutputs, withLog(view, "output", 0, log));
    expect(anomalies.map((a) => [a.kind, a.partition, a.offset])).toEqual([["wrong-output", 0, r0.offset]]);
  });
});
