import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulatedQueueAnomalies } from "../../src/check/queue-checker.ts";
import { queuesClean } from "../../src/check/queue-fast-path.ts";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import { History, Op } from "../../src/core/history.ts";
import { slotTopic } from "../../src/core/packed-fields.ts";
import { allMutantScenarios, referenceScenarios } from "../../src/scenario/mutant-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import { scheduleArbitrary } from "../../src/schedule/schedule-arbitrary.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { filtered, withLog } from "../helpers/views.ts";

/** How a test damages a finished run, so queue anomalies appear. */
type Damage = { readonly kind: "drop-poll" | "repeat-poll" | "drop-output"; readonly at: number };

const damageArbitrary: fc.Arbitrary<Damage | null> = fc.option(
  fc.record({ kind: fc.constantFrom("drop-poll", "repeat-poll", "drop-output"), at: fc.nat({ max: 1000 }) }) as fc.Arbitrary<Damage>,
);

function damaged(view: WorldView, damage: Damage | null): WorldView {
  if (damage === null) return view;
  if (damage.kind === "drop-output") {
    const partition = damage.at % view.output.length;
    const records = view.output[partition];
    if (records.length === 0) return view;
    const gone = records[damage.at % records.length].key;
    return withLog(view, "output", partition, filtered(view.output[partition], (key) => key !== gone));
  }
  const data = view.history.data;
  const polls: number[] = [];
  // polls: the instances' input fetches, as the broker recorded them
  for (let i = 0; i < data.length; i += 4) if (data[i] === Op.fetch && slotTopic(data[i + 1]) === SendTarget.input) polls.push(i);
  if (polls.length === 0) return view;
  const target = polls[damage.at % polls.length];
  const history = new History();
  for (let i = 0; i < data.length; i += 4) {
    if (i === target && damage.kind === "drop-poll") continue;
    history.record(data[i], data[i + 1], data[i + 2], data[i + 3]);
    if (i === target) history.record(data[i], data[i + 1], data[i + 2], data[i + 3]);
  }
  return { ...view, history };
}

/** fast-check runs of `scenario` whose views `check` inspects. */
function forRuns(scenario: Scenario, numRuns: number, check: (view: WorldView, damage: Damage | null) => void): void {
  fc.assert(
    fc.property(scheduleArbitrary(scenario.shape), damageArbitrary, (schedule, damage) => check(damaged(runSchedule(scenario.world, schedule), damage), damage)),
    { seed: 42, numRuns },
  );
}

describe("the queue fast path", () => {
  it("accepts a run only when the full check finds nothing (reference and planted bugs, damaged or not)", () => {
    let rejected = 0;
    let anomalous = 0;
    const scenarios = [...referenceScenarios(), ...allMutantScenarios().map((m) => m.scenario)];
    for (const scenario of scenarios) {
      forRuns(scenario, 60, (view) => {
        const full = simulatedQueueAnomalies(view);
        if (full.length > 0) anomalous++;
        if (queuesClean(view)) expect(full).toEqual([]);
        else rejected++;
      });
    }
    // the property above means something only if damaged runs did show anomalies
    expect(anomalous).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThanOrEqual(anomalous);
  });

  it("takes most undamaged reference runs without the full check", () => {
    let clean = 0;
    let runs = 0;
    for (const scenario of referenceScenarios()) {
      fc.assert(
        fc.property(scheduleArbitrary(scenario.shape), (schedule) => {
          runs++;
          if (queuesClean(runSchedule(scenario.world, schedule))) clean++;
        }),
        { seed: 7, numRuns: 200 },
      );
    }
    expect(clean / runs).toBeGreaterThan(0.9);
  });
});
