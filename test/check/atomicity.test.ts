import { describe, expect, it } from "vitest";
import { atomicity } from "../../src/check/atomicity.ts";
import { History, Op } from "../../src/core/history.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { slotInstance, slotPartition } from "../../src/core/packed-fields.ts";
import { check, correctView } from "../helpers/views.ts";

/** `view` with a history rebuilt record by record, `edit` changing records on the way. */
function rewritten(view: WorldView, edit: (rec: number[], index: number) => number[]): WorldView {
  const history = new History();
  const data = view.history.data;
  for (let i = 0; i < data.length; i += 4) {
    const [op, a, b, c] = edit(data.slice(i, i + 4), i / 4);
    history.record(op, a, b, c);
    if (op === Op.intent) history.markStep();
  }
  return { ...view, history };
}

function storeCommitIndexes(view: WorldView): number[] {
  const out: number[] = [];
  for (let i = 0; i < view.history.data.length; i += 4) if (view.history.data[i] === Op.storeCommit) out.push(i / 4);
  return out;
}

describe("atomicity checker", () => {
  it("finds nothing on a correct run, which has store commits to check", () => {
    const view = correctView();
    expect(storeCommitIndexes(view).length).toBeGreaterThan(4);
    expect(check(atomicity, view)).toEqual([]);
    expect(check(atomicity, rewritten(view, (r) => r))).toEqual([]);
  });

  it("a store commit whose state does not match its offset is state-offset-mismatch", () => {
    const view = correctView();
    const target = storeCommitIndexes(view).find((i) => view.history.data[i * 4 + 2] > 0)!;
    const [, a, offset] = view.history.data.slice(target * 4, target * 4 + 4);
    const bad = rewritten(view, (r, i) => (i === target ? [r[0], r[1], r[2], (r[3] + 1) >>> 0] : r));
    const anomalies = check(atomicity, bad);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ kind: "state-offset-mismatch", partition: slotPartition(a) });
    // the anomaly points at the first input after the store's last good commit
    expect(anomalies[0].offset).toBeLessThan(offset);
    expect(anomalies[0].dedupeId).toMatch(/^p\d+-\d+$/);
    expect(anomalies[0].detail).toContain(`instance ${slotInstance(a)}`);
    expect(anomalies[0].detail).toContain(`at next offset ${offset}`);
  });

  it("a store commit whose offset is behind the state it holds is caught (an input applied without its offset)", () => {
    const view = correctView();
    // a store commit at next offset 1: every partition's first input changes the state
    const target = storeCommitIndexes(view).find((i) => view.history.data[i * 4 + 2] === 1)!;
    const bad = rewritten(view, (r, i) => (i === target ? [r[0], r[1], 0, r[3]] : r));
    expect(check(atomicity, bad).map((a) => [a.kind, a.offset])).toEqual([["state-offset-mismatch", 0]]);
  });

  it("reports only the first mismatch, saying when it was seen", () => {
    const view = correctView();
    const bad = rewritten(view, (r) => (r[0] === Op.storeCommit ? [r[0], r[1], r[2], (r[3] ^ 0x5a5a) >>> 0] : r));
    const anomalies = check(atomicity, bad);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0].detail).toMatch(/at step \d+|during heal\/drain/);
    expect(anomalies[0].step).toBeGreaterThan(0);
  });
});
