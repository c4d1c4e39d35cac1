// The run report's files: --html FILE and --md FILE write the whole run, bad paths are refused
// before the first scenario runs, and a file that cannot be written at the end is a warning
// that never lets a run pass without the report it asked for.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const injection = join(root, "test/fixtures/html-injection.scenario.ts");
const folder = () => mkdtempSync(join(tmpdir(), "eosim-run-report-"));

/** A scenario file in `cwd` that, when loaded (after the checks, before the run), puts a folder at `path`. */
function blocking(cwd: string, path: string, fixture: string): string {
  const scenario = join(cwd, "blocking.scenario.ts");
  writeFileSync(scenario, `import { mkdirSync } from "node:fs";\nmkdirSync(${JSON.stringify(path)}, { recursive: true });\nexport { default } from ${JSON.stringify(fixture)};\n`);
  return scenario;
}

describe("--html FILE and --md FILE", () => {
  it("write the run as a page and as Markdown, linking to the failure report from where they are", () => {
    const cwd = folder();
    const run = eosim(["run", injection, "--seed", "1", "--html", "out/run.html", "--md", "out/run.md"], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const page = readFileSync(join(cwd, "out/run.html"), "utf8");
    const md = readFileSync(join(cwd, "out/run.md"), "utf8");
    expect(page).toContain('href="../reports/html/html-injection-seed1.html"');
    expect(page).toContain("eosim run ");
    expect(md).toContain("[failure report](../reports/html/html-injection-seed1.html)");
    expect(md).not.toContain("<img");
    for (const file of [page, md]) expect(file).not.toMatch(/https?:\/\//);
  });

  it("refuse an empty path, a folder, an unwritable path and two flags naming one file, before running", () => {
    const cwd = folder();
    writeFileSync(join(cwd, "file"), "");
    const refused = (args: string[]) => {
      const run = eosim(args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      const lines = run.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      return lines[0];
    };
    expect(refused(["run", injection, "--html", ""])).toBe("eosim: --html needs a file path, e.g. --html reports/run.html");
    expect(refused(["run", injection, "--md", " "])).toBe("eosim: --md needs a file path, e.g. --md reports/run.md");
    expect(refused(["run", injection, "--html", cwd])).toBe(`eosim: --html: cannot write ${cwd} (it is a folder)`);
    expect(refused(["run", injection, "--md", "file/run.md"])).toBe("eosim: --md: cannot write file/run.md (file is a file, not a folder)");
    expect(refused(["run", injection, "--html", "r.out", "--md", "./r.out"])).toBe("eosim: --html and --md name the same file (r.out)");
    expect(refused(["mutants", "dedupe-off", "--runs", "1", "--html", ""])).toBe("eosim: --html needs a file path, e.g. --html reports/run.html");
  });

  it("that cannot be written at the end are a warning, and a run that passed exits 2", () => {
    const cwd = folder();
    const scenario = blocking(cwd, "out/run.html", injection);
    const run = eosim(["run", scenario, "--seed", "1", "--html", "out/run.html"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("1 scenario(s): 1 met their expectation, 0 did not (seed 1)");
    expect(run.stderr).toMatch(/^eosim: --html: cannot write out\/run\.html \(.+\)$/m);
  });
});
