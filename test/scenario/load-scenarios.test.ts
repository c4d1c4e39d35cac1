// Scenario files are validated on load: a bad field is named with its rule, in one line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BadInputError, bankLedger, defineScenario, loadScenarioFile, validateScenario } from "../../src/index.ts";

const base = { name: "ok-name", description: "d", processor: bankLedger };

describe("validateScenario", () => {
  it("fills defaults", () => {
    const s = validateScenario(defineScenario(base), null);
    expect(s.world.partitions).toBe(4);
    expect(s.expect).toBe("pass");
    expect(s.world.runtime.dedupe).toBe(true);
  });

  it.each([
    [{ topology: { partitions: 0 } }, "topology.partitions must be an integer from 1 to 64, got 0"],
    [{ faults: ["crash", "meteor"] }, "faults[1] must be one of"],
    [{ expect: "maybe" }, "expect must be"],
    [{ name: "Bad Name" }, "name must be lowercase letters, digits and dashes"],
    [{ surprise: 1 }, "surprise is not a known field"],
    [{ processor: { name: "x" } }, "processor must be a processor"],
    [{ store: "rocksdb" }, "store must be"],
  ])("rejects %j", (patch, message) => {
    const value = { ...defineScenario(base), ...patch };
    expect(() => validateScenario(value, "scenarios/x.scenario.ts")).toThrowError(BadInputError);
    expect(() => validateScenario(value, "scenarios/x.scenario.ts")).toThrowError(`scenarios/x.scenario.ts: ${message}`);
  });

  it("rejects a file without a scenario export", async () => {
    const dir = mkdtempSync(join(process.cwd(), "reports", "tmp-"));
    const file = join(dir, "empty.scenario.mjs");
    writeFileSync(file, "export const x = 1;\n");
    await expect(loadScenarioFile(file)).rejects.toThrowError(/exports no scenario/);
  });
});
