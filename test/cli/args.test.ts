// A negative number after a string flag is its value, written with a space or with "=":
// `--seed -1` and `--seed=-1` mean the same in every command (parseArgs alone refused the
// first as ambiguous).
import { describe, expect, it } from "vitest";
import { joinNegativeValues, parseFlags } from "../../src/cli/args.ts";
import { eosim } from "./run-cli.ts";

const flags = { seed: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } } as const;

describe("joinNegativeValues", () => {
  it("joins a string flag and a following negative number, and nothing else", () => {
    expect(joinNegativeValues(["--seed", "-1", "a", "--runs", "-0.5", "--runs", "-.5", "--seed", "-1e3"], flags)).toEqual(["--seed=-1", "a", "--runs=-0.5", "--runs=-.5", "--seed=-1e3"]);
    expect(joinNegativeValues(["--json", "-1"], flags)).toEqual(["--json", "-1"]);
    expect(joinNegativeValues(["--seed", "-x"], flags)).toEqual(["--seed", "-x"]);
    expect(joinNegativeValues(["--seed=-1", "--seed"], flags)).toEqual(["--seed=-1", "--seed"]);
    expect(joinNegativeValues(["--", "--seed", "-1"], flags)).toEqual(["--", "--seed", "-1"]);
    expect(joinNegativeValues(["--constructor", "-1"], flags)).toEqual(["--constructor", "-1"]);
  });

  it("lets parseFlags read --seed -1 as --seed=-1", () => {
    expect(parseFlags("run", ["--seed", "-1", "x"], flags)).toEqual(parseFlags("run", ["--seed=-1", "x"], flags));
    expect(parseFlags("run", ["--seed", "-1"], flags).values.seed).toBe("-1");
  });

  it("still refuses a value that starts with - but is no number, saying how to write it", () => {
    expect(() => parseFlags("run", ["--seed", "-x"], flags)).toThrow('run: --seed: write a value starting with "-" as --seed=VALUE (see eosim run --help)');
  });
});

describe("eosim run --seed -1", () => {
  it("runs from seed -1, as --seed=-1 does", () => {
    const seeds = [["--seed", "-1"], ["--seed=-1"]].map((seed) => {
      const run = eosim(["run", "click-counter", "--runs", "1", "--json", ...seed]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as { seed: number; scenarios: Array<{ seed: number }> }).scenarios[0].seed;
    });
    expect(seeds).toEqual([-1, -1]);
  });
});
