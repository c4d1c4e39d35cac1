import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareTrees } from "../../bench/compare-trees.ts";

describe("compareTrees", () => {
  const empty = mkdtempSync(join(tmpdir(), "eosim-compare-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it("runs both trees in alternating batches and reports their rates and ratio", async () => {
    const r = await compareTrees(resolve(import.meta.dirname, "../.."), 3, 4);
    expect(r.batches).toBe(3);
    expect(r.schedulesPerBatch).toBe(4);
    expect(r.here).toBeGreaterThan(0);
    expect(r.other).toBeGreaterThan(0);
    // The ratio is the other tree's time over this one's: the rates say the same.
    expect(r.speedup).toBeCloseTo(r.here / r.other, 6);
    expect(Number.isFinite(r.medianSpeedup) && r.medianSpeedup > 0).toBe(true);
  });

  it("names a directory that is not a checkout of eosim", async () => {
    await expect(compareTrees(empty, 1, 1)).rejects.toThrow(`${empty} is not a checkout of eosim`);
  });
});
