// Reading a repro file refuses every field a replay could misread, with one line naming the
// file and the field: unknown fault kinds (the simulation would ignore them and the replay
// could pass for the wrong reason), seeds outside the seed range, failure steps that are not
// steps of the recorded run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRepro } from "../../src/report/repro-file.ts";

/** A repro file that reads (no real run behind it: reading only validates). */
const validRepro = {
  format: "eosim-repro/1",
  scenario: "bank-ledger",
  scenarioFile: null,
  seed: 1,
  path: "0",
  scheduleSeed: -7,
  faultMix: { crash: 2, "lost-ack": 0 },
  intents: [{ k: "step", instance: 0, count: 1 }],
  historyHash: "00",
  stepHashes: ["a", "b"],
  failure: "safety",
  failureStep: 3,
  anomalies: [],
};

const dir = mkdtempSync(join(tmpdir(), "eosim-repro-read-"));

/** The message of reading `text` as a repro file, or "read" when it reads. */
function readText(text: string): string {
  const file = join(dir, "repro.json");
  writeFileSync(file, text);
  try {
    readRepro(file);
    return "read";
  } catch (error) {
    return (error as Error).message.replace(`${file}: `, "");
  }
}

const read = (fields: Record<string, unknown>) => readText(JSON.stringify({ ...validRepro, ...fields }));

describe("readRepro", () => {
  it("reads a well-formed file, seeds at both ends of the range", () => {
    expect(read({})).toBe("read");
    expect(read({ seed: -2147483648, scheduleSeed: 2147483647, failureStep: 1 })).toBe("read");
  });

  it.each([
    [{ faultMix: { crahs: 1 } }, "faultMix.crahs is not a known fault kind (known: lost-ack, lost-request, ambiguous-error, reorder, no-idempotence, crash, disk-wipe, rebalance, pause, compaction, restore-race, truncation, upstream-duplicate, delayed-reply)"],
    [{ faultMix: { "lost ack": 1 } }, 'faultMix["lost ack"] is not a known fault kind (known: lost-ack, lost-request, ambiguous-error, reorder, no-idempotence, crash, disk-wipe, rebalance, pause, compaction, restore-race, truncation, upstream-duplicate, delayed-reply)'],
    [{ faultMix: { crash: -1 } }, "faultMix.crash must be a finite non-negative number, got -1"],
    [{ faultMix: { crash: "1" } }, 'faultMix.crash must be number, got "1"'],
    [{ faultMix: null }, "faultMix must be object, got null"],
    [{ seed: 2147483648 }, "seed must be an integer from -2147483648 to 2147483647, got 2147483648"],
    [{ seed: 1.5 }, "seed must be an integer from -2147483648 to 2147483647, got 1.5"],
    [{ scheduleSeed: -2147483649 }, "scheduleSeed must be an integer from -2147483648 to 2147483647, got -2147483649"],
    [{ failureStep: 0 }, "failureStep must be a positive integer (a 1-based step), got 0"],
    [{ failureStep: 2.5 }, "failureStep must be a positive integer (a 1-based step), got 2.5"],
    [{ failureStep: 4 }, "failureStep must be at most 3 (one past the 2 recorded step(s)), got 4"],
    [{ intents: [{ k: "step", instance: 0, count: -1 }] }, "intents[0].count must be a non-negative integer, got -1"],
  ])("refuses %j", (fields, message) => {
    expect(read(fields)).toBe(message);
  });

  it("names a weight JSON reads as Infinity as such (not as null)", () => {
    expect(readText(JSON.stringify(validRepro).replace('"crash":2', '"crash":1e999'))).toBe("faultMix.crash must be a finite non-negative number, got Infinity");
  });
});
