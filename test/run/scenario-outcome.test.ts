import { describe, expect, it } from "vitest";
import { endOf, type Expectation, outcomeOf, type ScenarioStatus, scenarioOk } from "../../src/run/scenario-outcome.ts";

const failure = { failureClass: "liveness" as const };
const error = { kind: "processor" };

describe("outcomeOf", () => {
  it("passes when nothing was found and required coverage was reached", () => {
    expect(outcomeOf("pass", null, null, [])).toEqual({ status: "passed", failure: null, error: null, coverageMissing: [] });
    expect(outcomeOf("fail", null, null, [])).toEqual({ status: "passed", failure: null, error: null, coverageMissing: [] });
  });

  it("fails with the failure found, and then does not judge coverage", () => {
    expect(outcomeOf("pass", failure, null, ["fault:pause"])).toEqual({ status: "failed", failure, error: null, coverageMissing: [] });
    expect(outcomeOf("fail", failure, null, ["fault:pause"])).toEqual({ status: "failed", failure, error: null, coverageMissing: [] });
  });

  it("misses coverage only for a scenario that expects to pass", () => {
    expect(outcomeOf("pass", null, null, ["fault:pause", "fault:crash"])).toEqual({ status: "coverage-missing", failure: null, error: null, coverageMissing: ["fault:pause", "fault:crash"] });
    expect(outcomeOf("fail", null, null, ["fault:pause"]).status).toBe("passed");
  });

  it("errors whatever else it found, keeping the unreached labels of a pass scenario", () => {
    expect(outcomeOf("pass", null, error, ["fault:pause"])).toEqual({ status: "errored", failure: null, error, coverageMissing: ["fault:pause"] });
    expect(outcomeOf("fail", null, error, ["fault:pause"])).toEqual({ status: "errored", failure: null, error, coverageMissing: [] });
    expect(outcomeOf("pass", failure, error, []).status).toBe("errored");
  });
});

describe("scenarioOk", () => {
  const table: Array<[Expectation, ScenarioStatus, boolean]> = [
    ["pass", "passed", true],
    ["pass", "failed", false],
    ["pass", "errored", false],
    ["pass", "coverage-missing", false],
    // A planted bug must be caught: its scenario meets its expectation when its run fails.
    ["fail", "failed", true],
    ["fail", "passed", false],
    ["fail", "errored", false],
    ["fail", "coverage-missing", false],
  ];
  it.each(table)("expect %s, run %s: ok %s", (expect_, status, ok) => {
    expect(scenarioOk({ expect: expect_, status })).toBe(ok);
  });
});

describe("endOf", () => {
  it("keeps the failure's class and the error's kind, read by the given functions", () => {
    const classOf = (f: typeof failure) => f.failureClass;
    const kindOf = (e: typeof error) => e.kind;
    const outcome = outcomeOf<typeof failure, typeof error>;
    expect(endOf("pass", outcome("pass", failure, null, []), classOf, kindOf)).toEqual({ expect: "pass", status: "failed", failureClass: "liveness" });
    expect(endOf("fail", outcome("fail", null, error, []), classOf, kindOf)).toEqual({ expect: "fail", status: "errored", errorKind: "processor" });
    expect(endOf("pass", outcome("pass", null, null, ["x"]), classOf, kindOf)).toEqual({ expect: "pass", status: "coverage-missing" });
    expect(endOf("pass", outcome("pass", null, null, []), classOf, kindOf)).toEqual({ expect: "pass", status: "passed" });
  });
});
