// The coverage warnings derived from counts: a crash point under 1% of the schedules, a fault
// kind under 1% of the schedules that weight it; none where 1% means nothing.
import { describe, expect, it } from "vitest";
import type { CoverageScope } from "../../src/report/coverage-scope.ts";
import { coverageSharesOf } from "../../src/report/coverage-shares.ts";
import { coverageWarnings, percentText } from "../../src/report/coverage-warnings.ts";

const scope: CoverageScope = { faultKinds: ["crash", "compaction", "pause"], crashPoints: ["before-poll", "after-changelog-before-outputs", "during-restore"], crashPointsIfReached: [], warns: true };

function warnings(counts: Record<string, number>, runs: number, options: { scope?: CoverageScope; found?: boolean } = {}): string[] {
  const s = options.scope ?? scope;
  return coverageWarnings({ runs, found: options.found ?? false }, coverageSharesOf(new Map(Object.entries(counts)), runs, s), s);
}

const healthy = {
  "crash-point:before-poll": 500,
  "crash-point:after-changelog-before-outputs": 20,
  "crash-point:during-restore": 90,
  "weighted:crash": 1500,
  "effective:crash": 1200,
  "weighted:compaction": 1400,
  "effective:compaction": 14,
  "weighted:pause": 1500,
  "effective:pause": 400,
};

describe("coverageWarnings", () => {
  it("says nothing when every share is at least 1% (exactly 1% included)", () => {
    expect(warnings(healthy, 2000)).toEqual([]);
  });

  it("warns per crash point below 1% of all schedules and per fault kind below 1% of its weighted ones, crash points first", () => {
    const thin = { ...healthy, "crash-point:after-changelog-before-outputs": 0, "crash-point:during-restore": 19, "effective:compaction": 3 };
    expect(warnings(thin, 2000)).toEqual([
      "warning: crash point after-changelog-before-outputs reached in 0 of 2000 schedules (< 1%)",
      "warning: crash point during-restore reached in 19 of 2000 schedules (0.9% < 1%)",
      "warning: fault compaction effective in 3 of 1400 schedules that weight it (0.2% < 1%)",
    ]);
  });

  it("warns about a fault kind no schedule weighted", () => {
    const { "weighted:pause": _w, "effective:pause": _e, ...rest } = healthy;
    expect(warnings(rest, 2000)).toEqual(["warning: fault pause weighted in 0 of 2000 schedules (never drawn)"]);
  });

  it("warns from 100 schedules on, not below (1% would be less than one schedule)", () => {
    const none = { "weighted:crash": 80, "weighted:compaction": 80, "weighted:pause": 80 };
    expect(warnings(none, 99)).toEqual([]);
    expect(warnings(none, 100)).toHaveLength(6);
  });

  it("does not warn for a run that ended on a failure or an error, nor for a scope that does not warn (a fixed schedule)", () => {
    expect(warnings({}, 2000, { found: true })).toEqual([]);
    expect(warnings({}, 2000, { scope: { ...scope, warns: false } })).toEqual([]);
  });

  it("a service's crash point is silent when no schedule stood at it, warns when stood at but rarely crashed at, and names a rare await", () => {
    const service: CoverageScope = { ...scope, crashPointsIfReached: ["during-restore"] };
    expect(warnings({ ...healthy, "crash-point:during-restore": 0 }, 2000, { scope: service })).toEqual([]);
    expect(warnings({ ...healthy, "crash-point:during-restore": 0, "stood-at:during-restore": 300 }, 2000, { scope: service })).toEqual(["warning: crash point during-restore reached in 0 of 2000 schedules (< 1%)"]);
    expect(warnings({ ...healthy, "crash-point:during-restore": 8, "stood-at:during-restore": 300 }, 2000, { scope: service })).toEqual(["warning: crash point during-restore reached in 8 of 2000 schedules (0.4% < 1%)"]);
    expect(warnings({ ...healthy, "crash-point:during-restore": 0, "stood-at:during-restore": 2 }, 2000, { scope: service })).toEqual([
      "warning: crash point during-restore reached in 0 of 2000 schedules (< 1%); the service stood at it in 2 only",
    ]);
  });
});

describe("coverageWarnings for a judged reader", () => {
  const judging: CoverageScope = { ...scope, judgedReader: { reader: "service-b", namespace: "customers" } };
  const of = (schedules: number, runs = 2000, s = judging) => coverageWarnings({ runs, found: false }, coverageSharesOf(new Map(Object.entries(healthy)), runs, s), s, schedules);

  it("warns when no schedule had a read of the named reader and table, after the share warnings", () => {
    expect(of(0)).toEqual(['warning: monotonic-reads judged no read by reader "service-b" of table "customers" in 2000 schedules (check service.monotonicReads against the service\'s reader and namespace names)']);
  });

  it("is silent once one schedule had such a read, without a judged reader, and under 100 schedules", () => {
    expect(of(1)).toEqual([]);
    expect(of(0, 2000, scope)).toEqual([]);
    expect(of(0, 99)).toEqual([]);
  });
});

describe("percentText", () => {
  it("cuts to the first significant decimal, never rounding up to the threshold", () => {
    expect(percentText(3, 1400)).toBe("0.2%");
    expect(percentText(3, 1000)).toBe("0.3%");
    expect(percentText(199, 20_000)).toBe("0.9%");
    expect(percentText(1, 2000)).toBe("0.05%");
    expect(percentText(1, 30_000)).toBe("0.003%");
    expect(percentText(0, 10)).toBe("0%");
    expect(percentText(1, 1)).toBe("100.0%");
  });
});
