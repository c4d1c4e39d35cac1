// A schedule that stops a run with the user's error (a throw, a stuck call, non-determinism)
// is not lost: its repro is written, and replaying it gives the error as the verdict (exit 2).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { thrownText } from "../../src/runtime/processor-error.ts";
import { eosim } from "./run-cli.ts";

function reproOf(stdout: string): string {
  const match = /^ {2}repro: (\S+)$/m.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return match![1];
}

describe("repro files of errors", () => {
  it("a throwing processor: the repro holds the schedule and the error, and its replay ends with the error (exit 2)", () => {
    const run = eosim(["run", "test/fixtures/throwing-processor.scenario.ts", "--seed", "1"]);
    expect(run.code).toBe(2);
    const path = reproOf(run.stdout);
    const repro = JSON.parse(readFileSync(path, "utf8")) as { failure: string; error: string; reproduced: boolean; intents: unknown[] };
    expect(repro.failure).toBe("processor");
    expect(repro.error).toMatch(/^processor "throws-on-three" threw on input/);
    expect(repro.reproduced).toBe(true);
    expect(repro.intents.length).toBeGreaterThan(0);
    const replay = eosim(["replay", path]);
    expect(replay.code).toBe(2);
    expect(replay.stdout).toMatch(/^verdict: error \(processor error: processor "throws-on-three" threw on input \S+ \(key k\d\): three is not supported\)$/m);
    expect(replay.stderr).toBe("");
  });

  it("a non-deterministic processor: the repro says it did not reproduce, and its replay says non-deterministic (exit 2)", () => {
    const run = eosim(["run", "test/fixtures/nondeterministic/random-write.scenario.ts", "--seed", "1", "--check-determinism=1"]);
    expect(run.code).toBe(2);
    const path = reproOf(run.stdout);
    const repro = JSON.parse(readFileSync(path, "utf8")) as { failure: string; reproduced: boolean };
    expect(repro.failure).toBe("nondeterminism");
    expect(repro.reproduced).toBe(false);
    const replay = eosim(["replay", path]);
    expect(replay.code).toBe(2);
    expect(replay.stdout).toMatch(/^verdict: non-deterministic \(non-determinism in processor "random-write": schedule \d+ differs on re-run/m);
  });
});

describe("thrownText", () => {
  it("names what was thrown when it is not an Error, and hints at frozen values", () => {
    expect(thrownText(new Error("plain"))).toBe("plain");
    expect(thrownText("a string")).toBe("a string");
    expect(thrownText({ code: 7 })).toBe('threw an object, not an Error: {"code":7}');
    expect(thrownText(null)).toBe("threw null, not an Error: null");
    const frozen = Object.freeze({ total: 1 });
    let error: unknown;
    try {
      (frozen as { total: number }).total = 2;
    } catch (e) {
      error = e;
    }
    expect(thrownText(error)).toMatch(/read only property 'total'.*frozen: copy before changing/);
  });
});
