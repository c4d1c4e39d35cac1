// `eosim merge` on shard reports that are wrong: each is bad input, exit 2, with one line
// naming the file and the field, never a crash (exit 4) or a merge of garbage.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "eosim-merge-input-"));

/** Merge a report written as `text`; expects exit 2 and one line, which it returns with the file as FILE. */
function refusedText(text: string, name = "shard-1.json"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = eosim(["merge", file]);
  expect(result.stdout).toBe("");
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0].replace(file, "FILE");
}

describe("eosim merge refuses a shard report", () => {
  it("nested 100000 levels deep, with one line (it overflowed the stack: exit 4)", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(refusedText(`{"ok":true,"seed":1,"scenarios":[{"name":${deep}}]}`)).toBe("eosim: FILE: JSON nested deeper than 64 levels");
  });
});
