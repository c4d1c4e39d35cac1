// The stability check asks a processor twice about each input, under two clocks and two
// randomness sources: a processor that reads either is caught on every run, not only when the
// real clock ticks between the two calls; a deterministic one never is; the real clock and
// randomness are back afterwards, also when the processor throws.
import { describe, expect, it } from "vitest";
import { defineProcessor, runSchedule } from "../../src/index.ts";
import { unstableAnswer } from "../../src/run/processor-stability.ts";
import { environmentShiftMs, underEnvironment } from "../../src/run/shifted-environment.ts";
import { scheduleAt } from "../../src/run/run-chunk.ts";
import { builtInScenario } from "../helpers.ts";

async function viewWith(process: (state: { get(key: string): number | undefined }, event: { key: string }) => { writes: { key: string; value: number }[] }) {
  const scenario = await builtInScenario("click-counter");
  const processor = defineProcessor<number, unknown, never>({ ...scenario.world.processor, name: "probe", process } as never);
  const world = { ...scenario.world, processor };
  // A schedule with inputs: the first of the run that produces any.
  for (let path = 0; path < 50; path++) {
    const schedule = scheduleAt({ ...scenario, world }, { seed: 3, firstRun: 0, size: 50, path: String(path) });
    if (schedule === null) continue;
    const view = runSchedule(world, schedule);
    if (view.inputArchive.some((records) => records.length > 0)) return view;
  }
  throw new Error("no schedule with inputs");
}

describe("the stability check", () => {
  it("catches a processor reading the clock through any unit, and one reading Math.random, every time", async () => {
    const readers = [
      (s: { get(k: string): number | undefined }, e: { key: string }) => ({ writes: [{ key: e.key, value: (s.get(e.key) ?? 0) + (Date.now() % 2) }] }),
      (s: { get(k: string): number | undefined }, e: { key: string }) => ({ writes: [{ key: e.key, value: (s.get(e.key) ?? 0) + new Date().getUTCHours() }] }),
      (s: { get(k: string): number | undefined }, e: { key: string }) => ({ writes: [{ key: e.key, value: (s.get(e.key) ?? 0) + Math.floor(performance.now() / 1000) }] }),
      (s: { get(k: string): number | undefined }, e: { key: string }) => ({ writes: [{ key: e.key, value: (s.get(e.key) ?? 0) + (Math.random() < 0.5 ? 0 : 1) + Math.random() }] }),
    ];
    for (const [i, process] of readers.entries()) {
      const view = await viewWith(process);
      for (let round = 0; round < 5; round++) expect(unstableAnswer(view), `reader ${i}, round ${round}`).not.toBeNull();
    }
  });

  it("finds a deterministic processor stable", async () => {
    const view = await viewWith((s, e) => ({ writes: [{ key: e.key, value: (s.get(e.key) ?? 0) + 1 }] }));
    expect(unstableAnswer(view)).toBeNull();
  });

  it("gives the real clock and randomness back, also when the call throws; dates from arguments are real ones", () => {
    const realNow = Date.now;
    const realRandom = Math.random;
    const origin = Date.UTC(2026, 0, 1);
    expect(underEnvironment(0, origin, () => [Date.now(), new Date().getTime(), new Date(5).getTime(), new Date() instanceof Date])).toEqual([origin, origin, 5, true]);
    expect(underEnvironment(1, origin, () => Date.now())).toBe(origin + environmentShiftMs);
    expect(() => underEnvironment(1, origin, () => { throw new Error("boom"); })).toThrow("boom");
    expect(Date.now).toBe(realNow);
    expect(Math.random).toBe(realRandom);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(60_000);
  });
});
