// Progress output: plain lines every few seconds off a terminal, a bar on one; both are
// throttled by the clock, since the runner calls back once per schedule.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { painter } from "../../src/cli/colour.ts";
import { formatSeconds, progressLine, rateAndLeft, startProgress } from "../../src/cli/progress.ts";

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } }) as Writable & { isTTY?: boolean; columns?: number; cursorTo?: unknown; clearLine?: unknown };
  if (isTTY) Object.assign(stream, { isTTY: true, columns: 120, cursorTo: (_x: number, _y?: number) => true, clearLine: () => true, moveCursor: () => true, clearScreenDown: () => true });
  return { stream, text: () => chunks.join("") };
}

describe("progress figures", () => {
  it("formats time left", () => {
    expect([formatSeconds(0.2), formatSeconds(59), formatSeconds(185), formatSeconds(Infinity)]).toEqual(["1s", "59s", "3m05s", "-"]);
  });

  it("computes rate and time left, bounded by the time limit", () => {
    expect(rateAndLeft(100, 400, 2)).toEqual({ rate: 50, left: 6 });
    expect(rateAndLeft(100, 400, 2, 5)).toEqual({ rate: 50, left: 3 });
    expect(rateAndLeft(0, 400, 0).left).toBe(Infinity);
  });

  it("writes one plain line with done/total, rate, failures and time left", () => {
    expect(progressLine("bank-ledger", 1200, 2000, 0, 850.4, 0.94)).toBe("  bank-ledger: 1200/2000 schedules, 850/s, 0 failure(s), 1s left");
  });
});

describe("startProgress off a terminal", () => {
  it("prints a plain line at most every interval, nothing for a short scenario", () => {
    let now = 0;
    const { stream, text } = fakeStream(false);
    const progress = startProgress("s", { stream, interactive: false, lineIntervalSeconds: 5, paint: painter(false), now: () => now });
    for (let done = 1; done <= 100; done++) {
      now = done * 100; // 10 schedules per second, 10 seconds in all
      progress.update(done, 100, 0);
    }
    progress.stop();
    expect(text().trimEnd().split("\n")).toEqual(["  s: 50/100 schedules, 10/s, 0 failure(s), 5s left", "  s: 100/100 schedules, 10/s, 0 failure(s), 0s left"]);
    const quiet = fakeStream(false);
    const short = startProgress("s", { stream: quiet.stream, interactive: false, paint: painter(false), now: () => 1000 });
    short.update(1, 10, 0);
    expect(quiet.text()).toBe("");
  });
});

describe("startProgress on a terminal", () => {
  it("draws a bar with schedules, rate, failures and time left, and clears it at the end", () => {
    let now = 0;
    const { stream, text } = fakeStream(true);
    const progress = startProgress("bank-ledger", { stream, interactive: true, paint: painter(false), now: () => now });
    for (let done = 1; done <= 50; done++) {
      now = done * 20;
      progress.update(done, 100, 0);
    }
    progress.stop();
    expect(text()).toMatch(/bank-ledger .* \d+\/100 schedules \| \d+\/s \| 0 failures \| \d+s left/);
  });
});
