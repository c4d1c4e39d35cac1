// Coverage shares from counts: a fault kind's effective share of the schedules that weighted
// it, a crash point's share of every schedule, in scope order, null where nothing could count.
import { describe, expect, it } from "vitest";
import type { CoverageScope } from "../../src/report/coverage-scope.ts";
import { coverageSharesOf } from "../../src/report/coverage-shares.ts";

const scope: CoverageScope = { faultKinds: ["crash", "compaction", "pause"], crashPoints: ["before-poll", "after-poll"], crashPointsIfReached: [], warns: true };
const counts = new Map(
  Object.entries({
    "weighted:crash": 1500,
    "effective:crash": 1200,
    "fault:crash": 1390,
    "weighted:compaction": 1400,
    "effective:compaction": 3,
    "fault:compaction": 20,
    "weighted:lost-ack": 1500,
    "crash-point:before-poll": 400,
    "crash-point:idle": 50,
  }),
);

describe("coverageSharesOf", () => {
  it("takes a fault kind's share over the schedules that weighted it, not its fault:<kind> count", () => {
    const { faultEffect } = coverageSharesOf(counts, 2000, scope);
    expect(faultEffect).toEqual({
      crash: { weighted: 1500, effective: 1200, share: 0.8 },
      compaction: { weighted: 1400, effective: 3, share: 3 / 1400 },
      pause: { weighted: 0, effective: 0, share: null },
    });
    expect(Object.keys(faultEffect)).toEqual(["crash", "compaction", "pause"]);
  });

  it("takes a crash point's share over every schedule run, listing only the scope's points", () => {
    expect(coverageSharesOf(counts, 2000, scope).crashPoints).toEqual({ "before-poll": { schedules: 400, share: 0.2 }, "after-poll": { schedules: 0, share: 0 } });
    expect(coverageSharesOf(counts, 0, scope).crashPoints["after-poll"]).toEqual({ schedules: 0, share: null });
  });

  it("reports nothing outside the scope", () => {
    expect(coverageSharesOf(counts, 2000, { faultKinds: [], crashPoints: [], crashPointsIfReached: [], warns: true })).toEqual({ faultEffect: {}, crashPoints: {}, crashPointsNotAwaited: [] });
  });

  it("lists a service's point that no schedule stood at apart, with no share, and gives the others their stood-at count", () => {
    const service: CoverageScope = { ...scope, crashPointsIfReached: ["before-poll", "after-poll"] };
    const stood = new Map([...counts, ["stood-at:before-poll", 700]]);
    expect(coverageSharesOf(stood, 2000, service)).toMatchObject({ crashPoints: { "before-poll": { schedules: 400, share: 0.2, stoodAt: 700 } }, crashPointsNotAwaited: ["after-poll"] });
    expect(Object.keys(coverageSharesOf(stood, 2000, service).crashPoints)).toEqual(["before-poll"]);
  });
});
