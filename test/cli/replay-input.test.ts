// `eosim replay` on repro files that are wrong: each is bad input, exit 2, with one line
// naming the file and what is wrong, never a replay that passes for the wrong reason and
// never a stack trace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

/** A repro of the built-in bank-ledger scenario that reads (its schedule is empty). */
const repro = {
  format: "eosim-repro/1",
  scenario: "bank-ledger",
  scenarioFile: null,
  seed: 1,
  path: "0",
  scheduleSeed: 1,
  faultMix: { crash: 3 },
  intents: [],
  historyHash: "00",
  stepHashes: [],
  failure: "safety",
  failureStep: 1,
  anomalies: [],
};

const dir = mkdtempSync(join(tmpdir(), "eosim-replay-input-"));

/** Write `text` as a repro file and replay it; returns the file and the result. */
function replayText(text: string, name = "repro.json", cwd?: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, result: eosim(["replay", file], { cwd }) };
}

/** Replay a repro with `fields` changed; expects exit 2 and one line, which it returns. */
function refused(fields: Record<string, unknown>, cwd?: string): string {
  const { file, result } = replayText(JSON.stringify({ ...repro, ...fields }), "repro.json", cwd);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0].replace(file, "FILE");
}

describe("eosim replay refuses a repro file", () => {
  it("whose fault mix names an unknown fault kind (it replayed as a false pass)", () => {
    expect(refused({ faultMix: { crahs: 3 } })).toBe(
      "eosim: FILE: faultMix.crahs is not a known fault kind (known: lost-ack, lost-request, ambiguous-error, reorder, no-idempotence, crash, disk-wipe, rebalance, pause, compaction, restore-race, truncation, upstream-duplicate)",
    );
  });

  it("whose seed is outside the seed range, or whose failure step is 0", () => {
    expect(refused({ seed: 4294967296 })).toBe("eosim: FILE: seed must be an integer from -2147483648 to 2147483647, got 4294967296");
    expect(refused({ failureStep: 0 })).toBe("eosim: FILE: failureStep must be a positive integer (a 1-based step), got 0");
  });
});
