// Stores checked where an instance starts from them (src/check/opened-stores.ts, part of the
// restoration checker): a restore that recovered less than the changelog holds, or a stale
// local store reused, is a `stale-store` at once, even when the final stores agree.
import { describe, expect, it } from "vitest";
import { checkRun } from "../../src/check/all-checkers.ts";
import { latestOffsetRecord } from "../../src/check/changelog-oracle.ts";
import { staleStores } from "../../src/check/opened-stores.ts";
import { restoration } from "../../src/check/restoration.ts";
import type { EvidenceTally } from "../../src/check/verdict.ts";
import { History, Op } from "../../src/core/history.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { check, correctView } from "../helpers/views.ts";
import { ledgerConfig, recordsOf } from "../helpers/world.ts";

/**
 * One partition, two instances: instance 0 processes an input and crashes, instance 1 restores
 * the partition and processes a second input, instance 0 comes back and gets the partition
 * back, finding its own store on its disk one input behind.
 */
const movesBack: Intent[] = [
  { k: "produce", producer: 0, key: 0, draw: 1 },
  { k: "step", instance: 0, count: 20 },
  { k: "step", instance: 1, count: 20 },
  { k: "crash", instance: 0 },
  { k: "produce", producer: 0, key: 0, draw: 2 },
  { k: "step", instance: 1, count: 30 },
  { k: "restart", instance: 0 },
  { k: "step", instance: 1, count: 30 },
  { k: "step", instance: 0, count: 30 },
];

function run(runtime = referenceRuntime): WorldView {
  return runSchedule(ledgerConfig({ instances: 2, runtime }), { seed: 1, faultMix: {}, intents: movesBack });
}

/** `view` with its history rebuilt record by record, `edit` changing records on the way. */
function rewritten(view: WorldView, edit: (rec: number[]) => number[]): WorldView {
  const history = new History();
  const data = view.history.data;
  for (let i = 0; i < data.length; i += 4) {
    const [op, a, b, c] = edit(data.slice(i, i + 4));
    history.record(op, a, b, c);
    if (op === Op.intent) history.markStep();
  }
  return { ...view, history };
}

describe("stores checked where they are opened", () => {
  it("a returning partition whose store is behind is restored, not reused, by the reference runtime: nothing to report", () => {
    const view = run();
    // instance 0 found its stale store (next offset 1), then restored over it (next offset 2)
    expect(recordsOf(view.history, Op.storeOpen).map(([, next]) => next)).toEqual([1]);
    expect(recordsOf(view.history, Op.storeRestore).at(-1)![1]).toBe(2);
    const evidence: EvidenceTally = {};
    expect(staleStores(view, evidence)).toEqual([]);
    expect(evidence).toEqual({ restores: 3, reuses: 0 });
    expect(checkRun(view).ok).toBe(true);
  });

  it("a stale store reused is stale-store at once, though the final stores agree (no truncation needed)", () => {
    const view = run({ ...referenceRuntime, checkCheckpoint: false });
    const verdict = checkRun(view);
    // deterministic re-processing repaired the store: only the opening shows the bug
    expect(verdict.verdicts.filter((v) => v.valid !== true).map((v) => v.checker)).toEqual(["restoration"]);
    const anomalies = check(restoration, view);
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({ kind: "stale-store", partition: 0, offset: 1, step: 9 });
    expect(anomalies[0].detail).toBe(
      "instance 0 reused its local store of partition 0 at next offset 1 at step 9, but the changelog's latest offset record (changelog offset 8) says 2 and the group has committed offset 2: the store is stale",
    );
    expect(verdict.verdicts.find((v) => v.checker === "restoration")!.evidence).toMatchObject({ restores: 2, reuses: 1 });
  });

  it("a restore that recovered less than the changelog holds is stale-store where it happened", () => {
    const view = run();
    const last = recordsOf(view.history, Op.storeRestore).length - 1;
    let seen = -1;
    const bad = rewritten(view, (r) => (r[0] === Op.storeRestore && ++seen === last ? [r[0], r[1], 0, r[3]] : r));
    const anomalies = check(restoration, bad);
    expect(anomalies.map((a) => a.kind)).toEqual(["stale-store"]);
    expect(anomalies[0].detail).toBe(
      "instance 0 restored partition 0 to next offset 0 at step 9, but the changelog's latest offset record (changelog offset 8) says 2 and the group has committed offset 2: the restore recovered less than the changelog holds",
    );
  });

  it("a store behind only the group's committed offset is stale too", () => {
    const view = run();
    // the group accepted commits of offset 5: the restore to 2 is behind it
    const bad = rewritten(view, (r) => (r[0] === Op.offsetCommit && r[3] === 2 ? [r[0], r[1], r[2], 5] : r));
    const [anomaly] = check(restoration, bad);
    expect(anomaly.kind).toBe("stale-store");
    expect(anomaly.detail).toContain("but the group has committed offset 5: the restore recovered less");
    expect(anomaly.detail).not.toContain("changelog's latest offset record");
  });

  it("an open the instance does not go on with (it crashes, or restores instead) is no reuse", () => {
    const view = run({ ...referenceRuntime, checkCheckpoint: false });
    // a crash of instance 0 right after it opened its stale store: nothing used it
    const opened = view.history.data.findIndex((op, i) => i % 4 === 0 && op === Op.storeOpen);
    const data = [...view.history.data.slice(0, opened + 4), Op.crash, 0, 0, 0];
    const history = new History();
    for (let i = 0; i < data.length; i += 4) history.record(data[i], data[i + 1], data[i + 2], data[i + 3]);
    const evidence: EvidenceTally = {};
    expect(staleStores({ ...view, history }, evidence)).toEqual([]);
    expect(evidence.reuses).toBe(0);
  });

  it("counts every restore and reuse of a correct run, and finds none stale", () => {
    const view = correctView();
    const evidence: EvidenceTally = {};
    expect(staleStores(view, evidence)).toEqual([]);
    expect(evidence.restores).toBe(recordsOf(view.history, Op.storeRestore).length);
    expect(evidence.reuses).toBe(1);
  });
});

describe("latestOffsetRecord", () => {
  const records = ["#epoch", "s:a", "#offset", "#outbox", "#epoch", "s:b", "#offset"].map((key, offset) => ({ offset, key, value: offset, timestampTicks: 0, batch: 0 }));

  it("is the latest offset marker below the end, or -1 when there is none", () => {
    expect(latestOffsetRecord(records, 7)).toBe(6);
    expect(latestOffsetRecord(records, 6)).toBe(2);
    expect(latestOffsetRecord(records, 3)).toBe(2);
    expect(latestOffsetRecord(records, 2)).toBe(-1);
    expect(latestOffsetRecord(records, 99)).toBe(6);
    expect(latestOffsetRecord([], 5)).toBe(-1);
  });
});
