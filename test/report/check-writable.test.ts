// The output path check does what a write will do and leaves only the folder it created.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkWritable, checkWritableFolder } from "../../src/report/check-writable.ts";

const folder = () => mkdtempSync(join(tmpdir(), "eosim-writable-"));

describe("checkWritable", () => {
  it("creates the file's folder and leaves it empty (no probe file)", () => {
    const dir = folder();
    checkWritable(join(dir, "a", "b", "junit.xml"), "--junit");
    expect(readdirSync(join(dir, "a", "b"))).toEqual([]);
  });

  it("accepts an existing file (it will be replaced) and refuses a folder or a file in the way", () => {
    const dir = folder();
    const file = join(dir, "junit.xml");
    writeFileSync(file, "old");
    expect(() => checkWritable(file, "--junit")).not.toThrow();
    expect(() => checkWritable(dir, "--junit")).toThrow(`--junit: cannot write ${dir} (it is a folder)`);
    expect(() => checkWritable(join(file, "x", "y.xml"), "--junit")).toThrow(`--junit: cannot write ${join(file, "x", "y.xml")} (${file} is a file, not a folder)`);
  });
});

describe("checkWritableFolder", () => {
  it("creates the folder, or names the file in its way", () => {
    const dir = folder();
    checkWritableFolder(join(dir, "reports", "repro"), "repro files");
    expect(readdirSync(join(dir, "reports", "repro"))).toEqual([]);
    writeFileSync(join(dir, "blocked"), "");
    expect(() => checkWritableFolder(join(dir, "blocked", "repro"), "repro files")).toThrow(`repro files: cannot write to ${join(dir, "blocked", "repro")}/ (${join(dir, "blocked")} is a file, not a folder)`);
  });
});
