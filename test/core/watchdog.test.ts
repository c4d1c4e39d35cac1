import { describe, expect, it } from "vitest";
import { watchdogArmed, WatchdogTimeout, withinMs } from "../../src/core/watchdog.ts";

const spin = (): never => {
  for (;;) {
    /* never returns */
  }
};

describe("withinMs", () => {
  it("returns what the body returns, and rethrows what it throws", () => {
    expect(withinMs(1000, () => 42)).toBe(42);
    expect(() => withinMs(1000, () => {
      throw new RangeError("inner");
    })).toThrow(RangeError);
  });

  it("stops a synchronous endless loop with a WatchdogTimeout, through the body's own try/catch", () => {
    let swallowed = false;
    const started = performance.now();
    expect(() => withinMs(100, () => {
      try {
        spin();
      } catch {
        swallowed = true;
      }
    })).toThrow(WatchdogTimeout);
    expect(swallowed).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("throws the caller's error on timeout", () => {
    expect(() => withinMs(50, spin, () => new Error("named"))).toThrow("named");
  });

  it("nests: the inner limit fires first, and the outer one still fires when it is shorter", () => {
    let inner: unknown;
    const value = withinMs(5000, () => {
      try {
        withinMs(50, spin, () => new Error("inner"));
      } catch (error) {
        inner = error;
      }
      return watchdogArmed();
    });
    expect((inner as Error).message).toBe("inner");
    expect(value).toBe(true);
    expect(() => withinMs(50, () => withinMs(5000, spin, () => new Error("inner")), () => new Error("outer"))).toThrow("outer");
    expect(watchdogArmed()).toBe(false);
  });
});
