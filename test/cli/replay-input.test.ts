// `eosim replay` on repro files that are wrong: each is bad input, exit 2, with one line
// naming the file and what is wrong, never a replay that passes for the wrong reason and
// never a stack trace.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
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

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
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
      "eosim: FILE: faultMix.crahs is not a known fault kind (known: lost-ack, lost-request, ambiguous-error, reorder, no-idempotence, crash, disk-wipe, rebalance, pause, compaction, restore-race, truncation, upstream-duplicate, delayed-reply)",
    );
  });

  it("whose seed is outside the seed range, or whose failure step is 0", () => {
    expect(refused({ seed: 4294967296 })).toBe("eosim: FILE: seed must be an integer from -2147483648 to 2147483647, got 4294967296");
    expect(refused({ failureStep: 0 })).toBe("eosim: FILE: failureStep must be a positive integer (a 1-based step), got 0");
  });
});

describe("eosim replay bounds the nesting of a repro file", () => {
  it("refuses 100000 nested arrays with one line (it overflowed the stack: exit 4)", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const { file, result } = replayText(JSON.stringify(repro).replace("[]", deep), "deep.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`eosim: ${file}: JSON nested deeper than 64 levels\n`);
  });
});

describe("eosim replay imports only scenario files inside the project", () => {
  // A scenario file outside the project that leaves a mark when it is imported.
  const outsideDir = mkdtempSync(join(tmpdir(), "eosim-outside-"));
  const evil = join(outsideDir, "evil.scenario.ts");
  const mark = join(outsideDir, "imported.txt");
  writeFileSync(evil, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(mark)}, "imported");\nexport default {};\n`);
  const linkDir = mkdtempSync(join(root, "reports", "tmp-link-"));
  afterAll(() => rmSync(linkDir, { recursive: true, force: true }));
  const rule = (file: string) => `eosim: FILE: scenarioFile ${JSON.stringify(file)} is outside the project; repro files may only name scenario files inside it`;

  it.each([
    ["an absolute path", evil],
    ["a relative path that climbs out with ..", relative(root, evil)],
    ["a path that climbs out after a folder", `scenarios/../../${relative(root, evil)}`],
    ["a Windows absolute path", "C:\\scenarios\\evil.scenario.ts"],
  ])("refuses %s, before importing anything", (_, file) => {
    expect(refused({ scenarioFile: file })).toBe(rule(file));
    expect(existsSync(mark)).toBe(false);
  });

  it("refuses a link inside the project to a file outside it", () => {
    symlinkSync(evil, join(linkDir, "evil.scenario.ts"));
    const file = `${relative(root, linkDir)}/evil.scenario.ts`;
    expect(refused({ scenarioFile: file })).toBe(rule(file));
    expect(existsSync(mark)).toBe(false);
  });

  it("outside any project, holds the current folder for it: a link out of it is refused", () => {
    const cwd = join(outsideDir, "no-project");
    mkdirSync(cwd);
    symlinkSync(evil, join(cwd, "link.scenario.ts"));
    expect(refused({ scenarioFile: "link.scenario.ts" }, cwd)).toBe(rule("link.scenario.ts"));
    expect(refused({ scenarioFile: "../evil.scenario.ts" }, cwd)).toBe(rule("../evil.scenario.ts"));
    expect(existsSync(mark)).toBe(false);
  });

  it("still loads a scenario file inside the project, by a path with a harmless ..", () => {
    const inside = join(linkDir, "inside");
    mkdirSync(inside);
    const file = `${relative(root, inside)}/../../../test/fixtures/own-processor.scenario.ts`;
    const { result } = replayText(JSON.stringify({ ...repro, scenario: "fixture-loyalty-points", scenarioFile: file }));
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("scenario fixture-loyalty-points, seed 1, 0 intent(s):");
  });
});
