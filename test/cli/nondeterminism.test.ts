// A processor that is not deterministic is named as such (exit 2), whether the sampled re-runs
// of --check-determinism catch it or the re-run of a failure does: never a safety failure
// blamed on the runtime, never "a bug in eosim" (exit 4).
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const fixture = (name: string) => `test/fixtures/nondeterministic/${name}.scenario.ts`;
const statusLine = (stdout: string) => stdout.split("\n").find((line) => line.startsWith("FAIL ")) ?? "";

describe("non-determinism", () => {
  it("--check-determinism=1 names Math.random() in a write, with the schedule and the step", () => {
    const run = eosim(["run", fixture("random-write"), "--seed", "1", "--check-determinism=1"]);
    expect(run.code).toBe(2);
    expect(statusLine(run.stdout)).toMatch(/^FAIL fixture-random-write: nondeterminism error: non-determinism in processor "random-write": schedule 1 differs on re-run (at step \d+ \(.+\)|in the heal and drain after its last intent): it must not read/);
  });

  it("--check-determinism (the default sample) still names it, on any seed", () => {
    for (const seed of ["1", "2", "3"]) {
      const run = eosim(["run", fixture("random-write"), "--seed", seed, "--check-determinism"]);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(statusLine(run.stdout)).toContain("non-determinism");
    }
  });

  it("a processor reading the clock or keeping module state: exit 2 naming non-determinism, never 4", () => {
    for (const [name, seed] of [["clock-write", "1"], ["clock-write", "5"], ["module-state", "1"], ["module-state", "2"]]) {
      const run = eosim(["run", fixture(name), "--seed", seed]);
      // Date.now() % 2 may agree with itself over a whole run: a pass is possible, a verdict or exit 4 is not.
      expect([0, 2], `${name} seed ${seed}: ${run.stdout}${run.stderr}`).toContain(run.code);
      if (run.code === 2) expect(statusLine(run.stdout)).toContain("non-determinism");
    }
  });

  it("rejects a sample outside (0, 1] on one line", () => {
    const run = eosim(["run", fixture("random-write"), "--check-determinism=0"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('eosim: --check-determinism must be a fraction above 0 and at most 1 (e.g. --check-determinism=0.05), got "0"');
  });

  it("names randomness that shows only in outputs (the history agrees, the answers do not), and so does the replay", () => {
    const run = eosim(["run", fixture("random-outputs"), "--seed", "1"]);
    expect(run.code, run.stdout).toBe(2);
    expect(statusLine(run.stdout)).toMatch(/^FAIL fixture-random-outputs: nondeterminism error: non-determinism in processor "random-outputs": on schedule \d+ it answered input p\d-\d+ \(key k\d\) differently on two calls with the same state \(.*"noise":.*\): it must not read/);
    const replay = eosim(["replay", "reports/repro/fixture-random-outputs-seed1.json"]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(2);
    expect(replay.stdout).toMatch(/verdict: non-deterministic \(non-determinism in processor "random-outputs": on schedule \d+ it answered input/);
  });
});
