// Checkers that know what they judged: each verdict carries the checker's evidence counts,
// which match the records they judge, and each checker's rule says, from records apart from
// that evidence, when a run cannot have given it none.
import { describe, expect, it } from "vitest";
import { atomicity } from "../../src/check/atomicity.ts";
import { checkContextOf } from "../../src/check/check-context.ts";
import { bounds } from "../../src/check/bounds.ts";
import { effectivelyOnceOutputs } from "../../src/check/effectively-once-outputs.ts";
import { exactlyOnceState } from "../../src/check/exactly-once-state.ts";
import { liveness } from "../../src/check/liveness.ts";
import { offsets } from "../../src/check/offsets.ts";
import { queueChecker, simulatedQueueAnomalies } from "../../src/check/queue-checker.ts";
import { restoration } from "../../src/check/restoration.ts";
import { type Checker, type EvidenceTally, runChecker } from "../../src/check/verdict.ts";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { History, Op } from "../../src/core/history.ts";
import { HarnessError } from "../../src/core/invariant.ts";
import { isProducerActor, packedCount, slotActor, slotTopic } from "../../src/core/packed-fields.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { correctView, judged } from "../helpers/views.ts";
import { ledgerConfig, recordsOf } from "../helpers/world.ts";

/** How many records of `view` are `op` (and pass `keep`). */
function count(view: WorldView, op: number, keep: (a: number, b: number, c: number) => boolean = () => true): number {
  return recordsOf(view.history, op).filter(([a, b, c]) => keep(a, b, c)).length;
}

/** `view` without the history records `drop` picks. */
function without(view: WorldView, drop: (op: number, a: number) => boolean): WorldView {
  const history = new History();
  const data = view.history.data;
  for (let i = 0; i < data.length; i += 4) {
    if (drop(data[i], data[i + 1])) continue;
    history.record(data[i], data[i + 1], data[i + 2], data[i + 3]);
    if (data[i] === Op.intent) history.markStep();
  }
  return { ...view, history };
}

/** The reason `checker`'s rule on `what` gives for `view` (null: no evidence required). */
function required(checker: Checker, what: string, view: WorldView): string | null {
  const rule = checker.mustJudge?.find((r) => r.what === what);
  if (rule === undefined) throw new Error(`${checker.name} has no rule on ${what}`);
  return rule.required(view);
}

describe("evidence counts", () => {
  const view = correctView();

  it("atomicity counts the store commits and restores it checked", () => {
    expect(judged(atomicity, view)).toEqual({ commits: count(view, Op.storeCommit) });
    expect(count(view, Op.storeCommit)).toBeGreaterThan(10);
  });

  it("restoration counts the stores compared, the restores and the reused stores checked", () => {
    expect(judged(restoration, view)).toEqual({ stores: 2, restores: count(view, Op.storeRestore), reuses: 1 });
  });

  it("exactly-once-state counts the live stores and the keys compared", () => {
    const keys = view.liveStores.reduce((n, store) => n + store!.state.size, 0);
    expect(judged(exactlyOnceState, view)).toEqual({ stores: 2, keys });
  });

  it("effectively-once-outputs counts the output records read and the outputs expected", () => {
    const outputs = view.output.reduce((n, log) => n + log.length, 0);
    expect(judged(effectivelyOnceOutputs, view)).toEqual({ outputs, expected: checkContextOf(view).model.outputs.size });
    expect(outputs).toBeGreaterThan(0);
  });

  it("offsets counts the accepted offset commits it checked", () => {
    expect(judged(offsets, view)).toEqual({ commits: count(view, Op.offsetCommit, (_a, _b, c) => c >= 0) });
  });

  it("queue-anomalies counts the records sent to input and output and the input records read, the same on its fast and full paths", () => {
    const accepted = (topic: number) => recordsOf(view.history, Op.append).filter(([a, b]) => slotTopic(a) === topic && b >= 0).reduce((n, [, , c]) => n + packedCount(c), 0);
    const reads = recordsOf(view.history, Op.fetch).filter(([a]) => slotTopic(a) === SendTarget.input && !isProducerActor(slotActor(a))).reduce((n, [, , c]) => n + c, 0);
    const expected = { sends: accepted(SendTarget.input) + accepted(SendTarget.output), reads };
    expect(judged(queueChecker, view)).toEqual(expected);
    const full: EvidenceTally = {};
    simulatedQueueAnomalies(view, full);
    expect(full).toEqual(expected);
  });

  it("liveness counts the partitions it judged", () => {
    expect(judged(liveness, view)).toEqual({ partitions: 2 });
  });

  it("bounds counts the dedupe set sizes it checked (none without a window)", () => {
    expect(judged(bounds, view)).toEqual({ sizes: 0 });
    const windowed = runSchedule(ledgerConfig({ runtime: { ...referenceRuntime, dedupeWindowOffsets: 5 } }), {
      seed: 1,
      faultMix: {},
      intents: [{ k: "produce", producer: 0, key: 0, draw: 1 }, { k: "produce", producer: 0, key: 1, draw: 2 }],
    });
    expect(judged(bounds, windowed)).toEqual({ sizes: count(windowed, Op.dedupeSize) });
    expect(count(windowed, Op.dedupeSize)).toBeGreaterThan(0);
  });

  it("every verdict of a run carries its checker's evidence", () => {
    const context = checkContextOf(view);
    for (const checker of [atomicity, restoration, exactlyOnceState, effectivelyOnceOutputs, offsets, queueChecker, liveness]) {
      const verdict = runChecker(checker, view, context);
      expect(verdict.valid).toBe(true);
      expect(Object.values(verdict.evidence).some((n) => n > 0), checker.name).toBe(true);
    }
  });
});

describe("evidence rules", () => {
  const view = correctView();
  const emptyRun = runSchedule(ledgerConfig(), { seed: 1, faultMix: {}, intents: [] });

  it("a run in which an instance read input must give atomicity commits and restoration restores", () => {
    expect(required(atomicity, "commits", view)).toMatch(/^the broker recorded instance \d reading input of partition \d at step \d+$/);
    expect(required(restoration, "restores", view)).toBe(required(atomicity, "commits", view));
    // nothing to read: nothing required
    expect(required(atomicity, "commits", emptyRun)).toBeNull();
    expect(required(restoration, "restores", emptyRun)).toBeNull();
  });

  it("a local store resumed and then read from must give restoration a reused store", () => {
    expect(required(restoration, "reuses", view)).toMatch(/^instance \d resumed partition \d from its local store and the broker recorded it reading that partition's input (at step \d+|during heal\/drain)$/);
    expect(required(restoration, "reuses", emptyRun)).toBeNull();
    // The rule reads the runtime's resumes and the broker's fetches only, never the disk's opens.
    const resumes = without(view, (op) => op !== Op.resume && op !== Op.intent && op !== Op.fetch);
    expect(required(restoration, "reuses", resumes)).not.toBeNull();
    expect(required(restoration, "reuses", without(view, (op) => op === Op.resume))).toBeNull();
    expect(required(restoration, "reuses", without(view, (op) => op === Op.fetch))).toBeNull();
  });

  it("a run whose broker appended outputs must give the outputs checker some", () => {
    expect(required(effectivelyOnceOutputs, "outputs", view)).toMatch(/^the broker recorded appending \d+ record\(s\) to output partition \d/);
    expect(required(effectivelyOnceOutputs, "outputs", emptyRun)).toBeNull();
  });

  it("a group that holds a committed offset must have given offsets an accepted commit", () => {
    expect(required(offsets, "commits", view)).toMatch(/^the group holds committed offset \d+ for partition \d$/);
    expect(required(offsets, "commits", { ...view, committed: view.committed.map(() => ({ offset: -1, generation: 0 })) })).toBeNull();
  });

  it("an input log holding records must give queue-anomalies sends, once the input topic is judged", () => {
    expect(required(queueChecker, "sends", view)).toMatch(/^the broker's input partition \d holds \d+ appended record\(s\)$/);
    expect(required(queueChecker, "sends", { ...view, drain: { ...view.drain, converged: false } })).toBeNull();
  });

  it("a view holding a live store must give the state and restoration checkers stores; every world has partitions", () => {
    expect(required(exactlyOnceState, "stores", view)).toBe("the world's view holds the live store of partition 0");
    expect(required(restoration, "stores", view)).toBe("the world's view holds the live store of partition 0");
    expect(required(exactlyOnceState, "stores", { ...view, liveStores: [null, null] })).toBeNull();
    expect(required(liveness, "partitions", emptyRun)).toBe("the world has 1 partition(s)");
  });

  it("bounds requires sizes only with a window and a store holding dedupe IDs", () => {
    expect(required(bounds, "sizes", view)).toBeNull();
    const windowed = { ...view, config: { ...view.config, runtime: { ...view.config.runtime, dedupeWindowOffsets: 5 } } };
    expect(required(bounds, "sizes", windowed)).toMatch(/^the live store of partition \d holds \d+ dedupe IDs$/);
  });

  it("a checker that judged none of what its rule requires is a harness error naming it, the rule and why", () => {
    const blind: Checker = { name: "blind", class: "safety", mustJudge: [{ what: "commits", required: () => "the store says so" }], check: () => [] };
    expect(() => runChecker(blind, view, checkContextOf(view))).toThrowError(HarnessError);
    expect(() => runChecker(blind, view, checkContextOf(view))).toThrowError(
      "checker blind judged no commits, yet the store says so: eosim recorded nothing for it to judge, so the run would have passed unjudged",
    );
    const seeing: Checker = { ...blind, check: (_v, _c, evidence) => ((evidence.commits = 1), []) };
    expect(runChecker(seeing, view, checkContextOf(view))).toEqual({ checker: "blind", valid: true, anomalies: [], evidence: { commits: 1 } });
  });

  it("the rule is asked only when the count is 0, and a checker that threw is unknown, not a harness error", () => {
    let asked = 0;
    const rule = { what: "commits", required: () => (asked++, "always") };
    const seeing: Checker = { name: "s", class: "safety", mustJudge: [rule], check: (_v, _c, evidence) => ((evidence.commits = 3), []) };
    runChecker(seeing, view, checkContextOf(view));
    expect(asked).toBe(0);
    const throwing: Checker = { name: "t", class: "safety", mustJudge: [rule], check: () => { throw new Error("x"); } };
    expect(runChecker(throwing, view, checkContextOf(view)).valid).toBe("unknown");
    expect(asked).toBe(0);
  });

  it("each built-in checker turns blindness to its own evidence into a harness error", () => {
    const blindTo: Array<[Checker, WorldView, RegExp]> = [
      [atomicity, without(view, (op) => op === Op.storeCommit), /^checker atomicity judged no commits, yet the broker recorded instance \d reading input/],
      [restoration, without(view, (op) => op === Op.storeRestore), /^checker restoration judged no restores, yet the broker recorded instance \d reading input/],
      [restoration, without(view, (op) => op === Op.storeOpen), /^checker restoration judged no reuses, yet instance \d resumed partition \d from its local store/],
      [effectivelyOnceOutputs, { ...view, output: view.output.map(() => []) }, /^checker effectively-once-outputs judged no outputs, yet the broker recorded appending/],
      [offsets, without(view, (op) => op === Op.offsetCommit), /^checker offsets judged no commits, yet the group holds committed offset/],
      [queueChecker, without(view, (op, a) => op === Op.append && slotTopic(a) !== SendTarget.changelog), /^checker queue-anomalies judged no sends, yet the broker's input partition/],
    ];
    for (const [checker, blind, message] of blindTo) {
      expect(() => runChecker(checker, blind, checkContextOf(blind)), checker.name).toThrowError(message);
    }
  });
});
