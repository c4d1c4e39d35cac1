// The failure point of a failing run (src/report/failure-step.ts): the earliest step at which
// the run first polled an input an anomaly points at. A replay that diverges only after it
// still `fails` (or `passes`); one that diverges before it has `diverged`.
import { describe, expect, it } from "vitest";
import { checkRun } from "../../src/check/all-checkers.ts";
import { firstPollStep, failureStepOf } from "../../src/report/failure-step.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { ledgerConfig } from "../helpers/world.ts";

const produce: Intent = { k: "produce", producer: 0, key: 0, draw: 1 };
const step = (count: number): Intent => ({ k: "step", instance: 0, count });

// Reads are the broker's `Op.fetch` records (a = actorSlot(reader, topic, partition), b = first
// offset, c = count): a failure step that never found a read would be the end of the intents,
// and a replay diverging after the real failure point would say `diverged`.
describe("firstPollStep", () => {
  it("is the 1-based step during which an instance first fetched the input", () => {
    // steps: assignment, epoch marker, restore, offset commit, poll (the 5th instance step)
    const view = runSchedule(ledgerConfig(), { seed: 1, faultMix: {}, intents: [produce, step(4), step(4), produce, step(8)] });
    expect(firstPollStep(view.history, 0, 0)).toBe(3);
    expect(firstPollStep(view.history, 0, 1)).toBe(5);
    expect(firstPollStep(view.history, 0, 2)).toBeNull();
  });

  it("the failure step of a double-applied retry is the first poll of the input the anomalies point at", () => {
    const config = ledgerConfig({ runtime: { ...referenceRuntime, dedupe: false } });
    const intents: Intent[] = [{ k: "lost-ack", target: 0 }, produce, { k: "retry", producer: 0, index: 0 }, step(6), step(6), step(6)];
    const view = runSchedule(config, { seed: 1, faultMix: { "no-idempotence": 1 }, intents });
    const verdict = checkRun(view);
    expect(verdict.ok).toBe(false);
    // the first step(6) polls the original (offset 0), the second the duplicate (offset 1)
    expect(firstPollStep(view.history, 0, 0)).toBe(4);
    expect(firstPollStep(view.history, 0, 1)).toBe(5);
    // the anomalies point at the input with dedupe ID p0-0, first at offset 0
    expect(failureStepOf(view, verdict)).toBe(4);
  });
});
