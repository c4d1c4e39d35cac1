// Output that holds up outside the happy path: a closed stdout ends the run quietly, a scenario
// file that does not load keeps the location and message of its error, and a replay finds the
// project from any of its folders (repro files name scenario files relative to the root).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eosim } from "./run-cli.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const bin = join(root, "bin", "eosim.js");

/** Run eosim with stdout a pipe whose reader goes away after the first output. */
function runAndCloseStdout(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("a closed stdout", () => {
  it("ends the run quietly, as a process killed by SIGPIPE, without a stack trace", async () => {
    const run = await runAndCloseStdout(["run", "--runs", "50", "--seed", "1"]);
    expect(run.stdout).toMatch(/^eosim run: seed 1/);
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(run.code).toBe(141);
  }, 60_000);
});

describe("a scenario file that does not load", () => {
  const dir = () => mkdtempSync(join(root, "reports", "tmp-load-"));
  const shown = (file: string) => relative(root, file);
  const loadError = (file: string) => {
    const run = eosim(["run", file]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    return lines[0];
  };

  it("keeps esbuild's file:line:column and message for a syntax error", () => {
    const file = join(dir(), "broken.scenario.ts");
    writeFileSync(file, 'import { bankLedger, defineScenario } from "eosim";\nexport default defineScenario({\n  name: "broken",\n  processor: bankLedger,,\n});\n');
    expect(loadError(file)).toBe(`eosim: ${shown(file)}:4:24: Expected identifier but found ","`);
  });

  it("keeps it in a CommonJS project too (loaded through tsx's own import)", () => {
    const folder = mkdtempSync(join(tmpdir(), "eosim-cjs-"));
    writeFileSync(join(folder, "package.json"), '{ "name": "cjs" }\n');
    const file = join(folder, "broken.scenario.ts");
    writeFileSync(file, "export default {\n  name: 'x',,\n};\n");
    expect(loadError(file)).toBe(`eosim: ${shown(file)}:2:12: Expected identifier but found ","`);
  });

  it("names the scenario file and the location in a module it imports", () => {
    const folder = dir();
    mkdirSync(join(folder, "lib"));
    writeFileSync(join(folder, "lib", "processor.ts"), "export const processor = {;\n");
    const file = join(folder, "imports.scenario.ts");
    writeFileSync(file, 'import { processor } from "./lib/processor.ts";\nexport default processor;\n');
    expect(loadError(file)).toBe(`eosim: ${shown(file)}: cannot load: ${shown(join(folder, "lib", "processor.ts"))}:1:26: Expected identifier but found ";"`);
  });

  it("names where an error thrown while the file ran came from", () => {
    const file = join(dir(), "throws.scenario.ts");
    writeFileSync(file, 'const ready = false;\nif (!ready) throw new Error("configuration missing");\nexport default {};\n');
    expect(loadError(file)).toBe(`eosim: ${shown(file)}: cannot load: configuration missing (at ${shown(file)}:2:19)`);
  });
});

describe("replay from anywhere in the project", () => {
  // Its own seed: other test files write (and replay) the seed-1 repro of this fixture.
  const fixture = "test/fixtures/own-processor-broken.scenario.ts";
  const repro = "reports/repro/fixture-loyalty-points-no-dedupe-seed21.json";

  it("finds the scenario, and the repro the run printed, from a subfolder; older repro files still load", () => {
    const run = eosim(["run", fixture, "--seed", "21"]);
    expect(run.code).toBe(1);
    const recorded = JSON.parse(readFileSync(join(root, repro), "utf8"));
    expect(recorded.scenarioFile).toBe(fixture);
    const verdict = (args: string[], cwd: string) => {
      const replay = eosim(["replay", ...args], { cwd });
      expect(replay.stderr).toBe("");
      return replay.stdout.trimEnd().split("\n").at(-1);
    };
    const sub = join(root, "test", "cli");
    expect(verdict([repro], sub)).toBe("verdict: fails");
    expect(verdict([join("..", "..", repro)], sub)).toBe("verdict: fails");
    // Written before paths were relative to the root: relative to the folder the run started in.
    const old = join(mkdtempSync(join(tmpdir(), "eosim-repro-")), "old.json");
    writeFileSync(old, JSON.stringify({ ...recorded, scenarioFile: "fixtures/own-processor-broken.scenario.ts" }));
    expect(verdict([old], join(root, "test"))).toBe("verdict: fails");
  });
});
