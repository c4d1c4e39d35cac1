// The mutation score script: killed over mutants not judged equivalent, per file, with the
// gaps listed and stale equivalents reported.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = "scripts/mutation/score.mjs";
const source = "const a = 1;\nif (a > 0) go();\nreturn a;\n";
const mutant = (id: string, line: number, mutatorName: string, replacement: string, status: string) => ({ id, mutatorName, replacement, status, location: { start: { line, column: 1 }, end: { line, column: 5 } } });

function fixture(equivalents: unknown): { report: string; equivalents: string } {
  const dir = mkdtempSync(join(tmpdir(), "eosim-score-"));
  const report = join(dir, "mutation.json");
  const mutants = [mutant("1", 1, "NumericLiteral", "0", "Killed"), mutant("2", 2, "ConditionalExpression", "true", "Survived"), mutant("3", 2, "ConditionalExpression", "false", "Survived"), mutant("4", 3, "BlockStatement", "{}", "Timeout"), mutant("5", 3, "X", "y", "CompileError")];
  writeFileSync(report, JSON.stringify({ files: { "src/a.ts": { source, mutants } } }));
  const file = join(dir, "equivalents.json");
  writeFileSync(file, JSON.stringify(equivalents));
  return { report, equivalents: file };
}

describe("scripts/mutation/score.mjs", () => {
  it("scores killed over the mutants not judged equivalent, and lists the gaps", () => {
    const f = fixture({ reasons: { r: "why" }, mutants: [{ file: "src/a.ts", line: "if (a > 0) go();", mutator: "ConditionalExpression", replacement: "false", reason: "r" }] });
    const out = execFileSync("node", [script, "--list", "--equivalents", f.equivalents, f.report], { encoding: "utf8" });
    // 4 valid mutants (the compile error does not count), 2 killed, 1 equivalent, 1 gap.
    expect(out).toMatch(/src\/a\.ts\s+4\s+2\s+1\s+1\s+50\.0%\s+66\.7%/);
    expect(out).toContain('gap: src/a.ts:2:1 ConditionalExpression "true"');
    expect(out).not.toContain("match no survivor");
  });

  it("reports an equivalent entry that matches no survivor as stale", () => {
    const f = fixture({ reasons: { r: "why" }, mutants: [{ file: "src/a.ts", line: "if (a > 1) go();", mutator: "ConditionalExpression", replacement: "false", reason: "r" }] });
    const out = execFileSync("node", [script, "--equivalents", f.equivalents, f.report], { encoding: "utf8" });
    expect(out).toMatch(/src\/a\.ts\s+4\s+2\s+0\s+2/);
    expect(out).toContain("1 equivalents.json entries match no survivor");
  });

  it("refuses an unknown reason and a missing report with one line and exit 2", () => {
    const f = fixture({ reasons: {}, mutants: [{ file: "src/a.ts", line: "return a;", mutator: "X", replacement: "y", reason: "nope" }] });
    const bad = spawnSync("node", [script, "--equivalents", f.equivalents, f.report], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain('unknown reason "nope"');
    const missing = spawnSync("node", [script, "no-such-report.json"], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no-such-report.json: no such mutation report");
  });
});
