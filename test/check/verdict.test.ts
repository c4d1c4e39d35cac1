import { describe, expect, it } from "vitest";
import { checkRun, checkerNames, checkers } from "../../src/check/all-checkers.ts";
import { checkContextOf } from "../../src/check/check-context.ts";
import { type Checker, runChecker } from "../../src/check/verdict.ts";
import { correctView, withStore } from "../helpers/views.ts";

const fixed = (name: string, cls: Checker["class"], kinds: string[]): Checker => ({
  name,
  class: cls,
  check: () => kinds.map((kind) => ({ kind, detail: kind })),
});

describe("runChecker", () => {
  it("valid true with no anomalies, false with some", () => {
    const view = correctView();
    const context = checkContextOf(view);
    expect(runChecker(fixed("a", "safety", []), view, context)).toEqual({ checker: "a", valid: true, anomalies: [], evidence: {} });
    expect(runChecker(fixed("b", "safety", ["x"]), view, context)).toEqual({ checker: "b", valid: false, anomalies: [{ kind: "x", detail: "x" }], evidence: {} });
  });

  it("turns a throwing checker into a valid 'unknown' verdict with the error", () => {
    const view = correctView();
    const throwing: Checker = {
      name: "boom",
      class: "safety",
      check: () => {
        throw new Error("exploded");
      },
    };
    expect(runChecker(throwing, view, checkContextOf(view))).toEqual({ checker: "boom", valid: "unknown", anomalies: [{ kind: "checker-error", detail: "checker boom threw: exploded" }], evidence: {} });
  });

  it("handles non-Error throws", () => {
    const throwing: Checker = {
      name: "s",
      class: "liveness",
      check: () => {
        throw "just a string";
      },
    };
    const view = correctView();
    expect(runChecker(throwing, view, checkContextOf(view)).anomalies[0].detail).toBe("checker s threw: just a string");
  });
});

describe("checkRun", () => {
  it("hands every checker of a run the same context, so the reference model is folded once", () => {
    const view = correctView();
    const seen: unknown[] = [];
    const asking = (name: string): Checker => ({
      name,
      class: "safety",
      check: (_view, context) => {
        seen.push(context.model);
        return [];
      },
    });
    expect(checkRun(view, [asking("a"), asking("b")]).ok).toBe(true);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    // another run gets a context of its own
    checkRun(view, [asking("c")]);
    expect(seen[2]).not.toBe(seen[0]);
  });

  it("runs every built-in checker by default", () => {
    expect(checkerNames).toEqual(expect.arrayContaining(["exactly-once-state", "atomicity", "effectively-once-outputs", "restoration", "liveness"]));
    const verdict = checkRun(correctView());
    expect(verdict).toMatchObject({ ok: true, failure: null });
    expect(verdict.verdicts.map((v) => v.checker)).toEqual(checkerNames);
    expect(checkers.filter((c) => c.class === "liveness").map((c) => c.name)).toEqual(["liveness"]);
  });

  it("safety failures win over liveness and unknown", () => {
    const view = correctView();
    const boom: Checker = { name: "boom", class: "safety", check: () => { throw new Error("x"); } };
    expect(checkRun(view, [fixed("l", "liveness", ["k"])]).failure).toBe("liveness");
    expect(checkRun(view, [boom]).failure).toBe("unknown");
    expect(checkRun(view, [boom, fixed("l", "liveness", ["k"])]).failure).toBe("liveness");
    expect(checkRun(view, [fixed("l", "liveness", ["k"]), fixed("s", "safety", ["k"])]).failure).toBe("safety");
    expect(checkRun(view, [fixed("s", "safety", ["k"]), fixed("l", "liveness", ["k"])]).failure).toBe("safety");
    expect(checkRun(view, [fixed("s", "safety", ["k"]), boom]).failure).toBe("safety");
    expect(checkRun(view, [fixed("s", "safety", ["k"])]).ok).toBe(false);
  });

  it("a corrupted live store fails the run as safety", () => {
    const view = withStore(correctView(), 0, (store) => store.state.set("acct-0", 1000));
    const verdict = checkRun(view);
    expect(verdict.failure).toBe("safety");
    expect(verdict.verdicts.filter((v) => v.valid !== true).map((v) => v.checker)).toEqual(["exactly-once-state", "restoration"]);
  });

  it("a stuck drain alone fails the run as liveness", () => {
    const view = correctView();
    const verdict = checkRun({ ...view, drain: { ...view.drain, converged: false } });
    expect(verdict.failure).toBe("liveness");
  });
});
