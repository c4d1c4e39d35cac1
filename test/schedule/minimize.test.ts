// The second shrinking pass removes what does not matter and always returns a failing schedule.
import { describe, expect, it } from "vitest";
import type { Intent, Schedule } from "../../src/schedule/intent.ts";
import { minimizeSchedule } from "../../src/schedule/minimize.ts";

const filler: Intent[] = [
  { k: "step", instance: 2, count: 7 },
  { k: "tick", ticks: 19 },
  { k: "join", instance: 1 },
  { k: "leave", instance: 1 },
];
const needle: Intent = { k: "crash", instance: 2 };
const schedule: Schedule = { seed: 5, faultMix: {}, intents: [...filler, needle, ...filler, { k: "tick", ticks: 12 }] };
const hasCrash = (s: Schedule) => s.intents.some((i) => i.k === "crash");

describe("minimizeSchedule", () => {
  it("drops every intent that does not matter and zeroes fields", () => {
    const out = minimizeSchedule(schedule, hasCrash, { attemptsMax: 1000 });
    expect(out.intents).toEqual([{ k: "crash", instance: 0 }]);
    expect(out.seed).toBe(5);
  });

  it("collapses ticks when a long enough wait is what matters", () => {
    const waits = (s: Schedule) => s.intents.reduce((n, i) => n + (i.k === "tick" ? i.ticks : 0), 0) >= 10;
    const out = minimizeSchedule(schedule, waits, { attemptsMax: 1000 });
    expect(out.intents.every((i) => i.k === "tick")).toBe(true);
    expect(out.intents).toEqual([{ k: "tick", ticks: 10 }]);
  });

  it("stops when out of time or attempts and still returns a failing schedule", () => {
    let calls = 0;
    const out = minimizeSchedule(schedule, (s) => (calls++, hasCrash(s)), { attemptsMax: 1000, outOfTime: () => calls >= 3 });
    expect(calls).toBe(3);
    expect(hasCrash(out)).toBe(true);
    expect(minimizeSchedule(schedule, hasCrash, { attemptsMax: 0 })).toBe(schedule);
  });
});
