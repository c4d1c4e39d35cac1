// Aimed crashes of a user's service: the world keeps the crash points its instances stood at
// (an operation of that kind settled, or a timer fired), and an aim picks the n-th of them, so
// every await the service's code makes is aimed at and none it lacks.
import { describe, expect, it } from "vitest";
import { Streams } from "../../src/core/prng.ts";
import { aimedServicePoint, Life, OperationKind, type PointsStoodAt, serviceCrashPoints } from "../../src/service/life.ts";
import { runScenario } from "../../src/index.ts";
import { stoodAtLabel } from "../../src/report/coverage.ts";
import { describeIntent } from "../../src/schedule/describe-intent.ts";
import { builtInScenario } from "../helpers.ts";

const code = (name: string) => serviceCrashPoints.indexOf(name);

function newLife(stoodAt: PointsStoodAt, number = 1): Life {
  const streams = new Streams(3);
  return new Life(0, number, streams.get(`schedule/${number}`), streams.get(`random/${number}`), () => 0, stoodAt);
}

describe("the crash points a service stood at", () => {
  it("are the kinds of the operations settled and of the timers fired, across lives, not those merely awaited", () => {
    const stoodAt: PointsStoodAt = { mask: 0 };
    const life = newLife(stoodAt);
    life.await({ kind: OperationKind.storeCommit, lane: 0, ready: () => true, run() {} });
    life.await({ kind: OperationKind.leave, lane: 0, ready: () => false, run() {} });
    expect(stoodAt.mask).toBe(0);
    expect(life.settleOne()).toBe(true);
    expect(stoodAt.mask).toBe(1 << code("before-store-commit"));
    // The leave never became ready: no crash could have hit it.
    expect(life.settleOne()).toBe(false);
    const next = newLife(stoodAt, 2);
    next.setTimer(() => {}, 0, [], false);
    expect(next.settleOne()).toBe(true);
    expect(stoodAt.mask).toBe((1 << code("before-store-commit")) | (1 << code("before-timer")));
  });

  it("aim at a point stood at as itself, at another among them in code order, cycling, idle left out; with none yet an aim is a code", () => {
    const stoodAt: PointsStoodAt = { mask: (1 << 0) | (1 << code("before-fetch")) | (1 << code("before-offset-commit")) | (1 << code("before-leave")) };
    const aims = [1, 2, 3, 4, code("before-offset-commit"), code("before-leave")];
    expect(aims.map((aim) => serviceCrashPoints[aimedServicePoint(stoodAt, aim)])).toEqual(["before-fetch", "before-offset-commit", "before-leave", "before-fetch", "before-offset-commit", "before-leave"]);
    expect(aimedServicePoint({ mask: 0 }, 4)).toBe(4);
    expect(describeIntent({ k: "crash", instance: 1, point: 5 }, serviceCrashPoints)).toBe("crash instance 1 once it reaches before-offset-commit (else a point its service has stood at)");
    expect(aimedServicePoint({ mask: 1 }, serviceCrashPoints.length + 2)).toBe(2);
  });

  it("in a run of the external-store service: its aimed crashes land only where it has awaits, and every point it stood at is counted", async () => {
    const scenario = await builtInScenario("external-store");
    expect(scenario.shape.crashAims).toBe(serviceCrashPoints.length - 1);
    const result = runScenario(scenario, { seed: 1, runs: 150 });
    expect(result.status).toBe("passed");
    const counts = result.coverage.counts;
    // It keeps no local store: it never stood at a store commit, so no crash landed there.
    expect(counts.get(stoodAtLabel("before-store-commit")) ?? 0).toBe(0);
    expect(counts.get("crash-point:before-store-commit") ?? 0).toBe(0);
    for (const point of ["before-fetch", "before-output-send", "before-offset-commit", "before-database-request"]) {
      expect(counts.get(stoodAtLabel(point)), point).toBeGreaterThan(0);
      expect(counts.get(`crash-point:${point}`), point).toBeGreaterThan(0);
    }
    // A point is crashed at only in schedules that stood at it.
    for (const point of serviceCrashPoints.slice(1)) expect(counts.get(`crash-point:${point}`) ?? 0, point).toBeLessThanOrEqual(counts.get(stoodAtLabel(point)) ?? 0);
  });
});
