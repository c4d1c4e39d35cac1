// The runner reports progress once per generated schedule (never while shrinking), which is
// what the CLI's progress bar and plain progress lines are built on.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/index.ts";
import { builtInScenario } from "../helpers.ts";

describe("RunOptions.onProgress", () => {
  it("counts every generated schedule of a passing run, with no failures", async () => {
    const calls: Array<[number, number, number]> = [];
    const result = runScenario(await builtInScenario("click-counter"), { seed: 1, runs: 30, onProgress: (...args) => calls.push(args) });
    expect(calls).toHaveLength(result.runs);
    expect(calls.map((c) => c[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(calls.every(([, total, failures]) => total === 30 && failures === 0)).toBe(true);
  });

  it("stops at the first failure, reporting it, and says nothing while shrinking", async () => {
    const calls: Array<[number, number, number]> = [];
    const result = runScenario(await builtInScenario("bank-ledger-no-dedupe"), { seed: 1, runs: 2000, onProgress: (...args) => calls.push(args) });
    expect(result.failure).not.toBeNull();
    expect(calls).toHaveLength(result.failure!.schedulesToFailure);
    expect(calls.at(-1)).toEqual([calls.length, 2000, 1]);
    expect(calls.slice(0, -1).every(([, , failures]) => failures === 0)).toBe(true);
  });
});
