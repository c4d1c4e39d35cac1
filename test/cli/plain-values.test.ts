// Values cross the simulated wire and disk as plain data: a processor that writes anything
// else is bad input (exit 2, one line naming the processor, the input, the key and the path),
// never a pass and never a safety failure blamed on the runtime.
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const fixture = (name: string) => `test/fixtures/${name}.scenario.ts`;

describe("plain values at the processor boundary", () => {
  it("a ledger keeping its state in a Map, dedupe off: exit 2, not a pass", () => {
    const run = eosim(["run", fixture("map-state"), "--seed", "1"]);
    expect(run.code).toBe(2);
    const lines = run.stdout.split("\n").filter((line) => line.includes("processor error"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/processor "map-ledger" broke its contract on input \S+ \(key acct-\d\): writes\[0\]\.value for key "acct-\d" is not plain data \(a Map\)/);
  });

  it("a processor writing a function value: exit 2 naming the path", () => {
    const run = eosim(["run", fixture("function-value"), "--seed", "1"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/processor "function-writer" broke its contract on input \S+ \(key k\d\): writes\[0\]\.value for key "k\d" is not plain data \(at \.describe: a function\)/);
  });
});
