// Report files are written whole or not at all: through a temporary file in the same folder,
// renamed into place, so a failed write leaves the previous file and no temporary file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { tempPathFor, writeFileAtomic } from "../../src/report/write-file-atomic.ts";

const folder = () => mkdtempSync(join(tmpdir(), "eosim-atomic-"));

describe("writeFileAtomic", () => {
  it("creates the folders, writes the file and leaves nothing else", () => {
    const dir = folder();
    const file = join(dir, "a", "b", "report.json");
    writeFileAtomic(file, "{}\n");
    expect(readFileSync(file, "utf8")).toBe("{}\n");
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["report.json"]);
  });

  it("replaces an existing file", () => {
    const file = join(folder(), "report.json");
    writeFileSync(file, "old");
    writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
  });

  it("goes through a temporary file in the same folder", () => {
    const file = join(folder(), "report.json");
    expect(tempPathFor(file)).toBe(`${file}.${process.pid}-${threadId}.tmp`);
  });

  it("leaves the previous file as it was when the write fails, and throws", () => {
    const dir = folder();
    const file = join(dir, "report.json");
    writeFileSync(file, "old");
    mkdirSync(tempPathFor(file)); // the temporary file cannot be written
    expect(() => writeFileAtomic(file, "new")).toThrow(/EISDIR/);
    expect(readFileSync(file, "utf8")).toBe("old");
  });

  it("removes its temporary file when the rename fails", () => {
    const dir = folder();
    const file = join(dir, "report.json");
    mkdirSync(join(file, "inside"), { recursive: true }); // a folder in the way
    expect(() => writeFileAtomic(file, "new")).toThrow();
    expect(existsSync(tempPathFor(file))).toBe(false);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});
