import { describe, expect, it } from "vitest";
import { checkRun } from "../../src/check/all-checkers.ts";
import { Op } from "../../src/core/history.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import { CrashPoint } from "../../src/runtime/task-phase.ts";
import type { Intent, Schedule } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { ledgerConfig, recordsOf } from "../helpers/world.ts";

const schedule = (intents: Intent[], seed = 1, faultMix: Record<string, number> = {}): Schedule => ({ seed, faultMix, intents });
const noIdempotence = { "no-idempotence": 1 };
const produce = (key: number, draw: number, producer = 0): Intent => ({ k: "produce", producer, key, draw });
const step = (instance: number, count: number): Intent => ({ k: "step", instance, count });
const retry = (producer = 0): Intent => ({ k: "retry", producer, index: 0 });

function kinds(view: WorldView): string[] {
  return checkRun(view).verdicts.flatMap((v) => v.anomalies.map((a) => a.kind));
}

describe("runSchedule end to end", () => {
  it("a calm run passes every checker and ends with the expected balances", () => {
    const view = runSchedule(ledgerConfig(), schedule([produce(0, 1), produce(1, 4), produce(0, 2), step(0, 8), produce(0, 3)]));
    const verdict = checkRun(view);
    expect(verdict.failure).toBeNull();
    expect(verdict.ok).toBe(true);
    expect(verdict.verdicts.every((v) => v.valid === true)).toBe(true);
    const store = view.liveStores[0]!;
    // deposit 2, deposit 3 on acct-0 -> 5; withdraw 4 -> 1; acct-1 deposit 5
    expect(Object.fromEntries(store.state)).toEqual({ "acct-0": 1, "acct-1": 5 });
    expect(store.nextOffset).toBe(4);
    expect(view.committed[0].offset).toBe(4);
    expect(view.drain.converged).toBe(true);
  });

  it("the same config and schedule give the same history hash and step hashes", () => {
    const intents: Intent[] = [produce(0, 1), { k: "lost-ack", target: 0 }, produce(1, 2), step(0, 3), { k: "crash", instance: 0 }, { k: "restart", instance: 0 }, retry()];
    const a = runSchedule(ledgerConfig({ partitions: 2 }), schedule(intents));
    const b = runSchedule(ledgerConfig({ partitions: 2 }), schedule(intents));
    expect(a.history.hex()).toBe(b.history.hex());
    expect(a.history.stepHashes).toEqual(b.history.stepHashes);
    expect(a.history.stepHashes).toHaveLength(intents.length);
    const c = runSchedule(ledgerConfig({ partitions: 2 }), schedule(intents, 2));
    expect(c.history.hex()).not.toBe(a.history.hex()); // the seed is recorded
  });

  it("records inapplicable intents as no-ops", () => {
    const view = runSchedule(ledgerConfig(), schedule([retry(), { k: "restart", instance: 0 }, { k: "crash", instance: 0 }, { k: "crash", instance: 0 }]));
    expect(recordsOf(view.history, Op.intent).map(([, , applied]) => applied)).toEqual([0, 0, 1, 0]);
    expect(checkRun(view).ok).toBe(true);
  });

  it("with the idempotent producer a lost input ACK and its retry append once", () => {
    const view = runSchedule(ledgerConfig(), schedule([{ k: "lost-ack", target: 0 }, produce(0, 1), retry(), step(0, 20)]));
    expect(view.input[0].map((r) => r.value!.dedupeId)).toEqual(["p0-0"]);
    expect(kinds(view)).toEqual([]);
  });

  it("without it, the retry is a duplicate input the reference runtime drops", () => {
    const view = runSchedule(ledgerConfig(), schedule([{ k: "lost-ack", target: 0 }, produce(0, 1), retry(), step(0, 20)], 1, noIdempotence));
    expect(view.input[0].map((r) => r.value!.dedupeId)).toEqual(["p0-0", "p0-0"]);
    expect(recordsOf(view.history, Op.skipDuplicate)).toHaveLength(1);
    expect(view.liveStores[0]!.state.get("acct-0")).toBe(2);
    expect(kinds(view)).toEqual([]);
  });

  it("without dedupe the same schedule double-applies the deposit and fails exactly-once state", () => {
    const config = ledgerConfig({ runtime: { ...referenceRuntime, dedupe: false } });
    const view = runSchedule(config, schedule([{ k: "lost-ack", target: 0 }, produce(0, 1), retry(), step(0, 20)], 1, noIdempotence));
    expect(view.liveStores[0]!.state.get("acct-0")).toBe(4);
    const verdict = checkRun(view);
    expect(verdict.failure).toBe("safety");
    expect(kinds(view)).toContain("state-divergence");
    expect(kinds(view)).toContain("state-offset-mismatch");
  });

  it("a crash after the commit and before the changelog send resumes from the local store and passes", () => {
    // steps: assignment, epoch marker, restore, offset commit, poll, process, commit
    const view = runSchedule(ledgerConfig(), schedule([produce(0, 1), step(0, 7), { k: "crash", instance: 0 }, { k: "restart", instance: 0 }]));
    expect(recordsOf(view.history, Op.crash)).toEqual([[0, CrashPoint.committed, 0]]);
    expect(recordsOf(view.history, Op.restoreStart)).toHaveLength(1); // the first assignment only
    expect(recordsOf(view.history, Op.resume).at(-1)).toEqual([0, 0, 1]);
    expect(view.changelog[0].map((r) => r.key).filter((k) => k !== "#epoch")).toEqual(["s:acct-0", "d:p0-0", "#offset", "#outbox"]);
    expect(kinds(view)).toEqual([]);
  });

  it("partitions moving between instances under crashes, rebalances, lost ACKs and compaction still pass", () => {
    const intents: Intent[] = [
      produce(0, 1), produce(1, 2), produce(2, 4), produce(3, 5),
      step(0, 8), step(1, 8),
      { k: "lost-ack", target: 1 }, { k: "lost-ack", target: 2 },
      produce(0, 3), produce(1, 7), step(0, 5), step(1, 3),
      { k: "crash", instance: 0 }, step(1, 16), { k: "compact", partition: 0 }, { k: "compact", partition: 1 },
      { k: "restart", instance: 0 }, { k: "leave", instance: 1 }, step(0, 20), { k: "join", instance: 1 },
      { k: "lost-ack", target: 0 }, produce(2, 8), retry(), step(1, 7), { k: "compact", partition: 1 },
      { k: "wipe", instance: 1 }, step(0, 30), { k: "restart", instance: 1 },
    ];
    const config = ledgerConfig({ partitions: 2, instances: 2, compaction: { segmentRecords: 2, deleteRetentionTicks: 50 } });
    const view = runSchedule(config, schedule(intents, 1, noIdempotence));
    expect(kinds(view)).toEqual([]);
    expect(recordsOf(view.history, Op.compact).some(([, removed]) => removed > 0)).toBe(true);
    expect(recordsOf(view.history, Op.restoreEnd).length).toBeGreaterThan(2);
  });
});
