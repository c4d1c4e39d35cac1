// SIGINT and SIGTERM stop `eosim run` at the next schedule boundary with every result so far
// reported: the --json object (with "interrupted": true), a fresh JUnit file, the summary line,
// and exit 130 / 143. A second signal stops at once.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseXmlElements } from "./xml-well-formed.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin/eosim.js");

/** Start eosim, send `signals` once stderr shows `readyText`, one per `gapMs`; resolve with what it printed and its exit code. */
function runAndSignal(args: readonly string[], signals: readonly NodeJS.Signals[], readyText: RegExp, gapMs = 200, firstDelayMs = 0): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=eosim-source", bin, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: "0" } });
    let stdout = "";
    let stderr = "";
    let sent = false;
    let started = 0;
    const ready = () => {
      if (sent || !readyText.test(stdout + stderr)) return;
      sent = true;
      signals.forEach((signal, i) => setTimeout(() => {
        if (i === 0) started = Date.now();
        child.kill(signal);
      }, firstDelayMs + i * gapMs));
    };
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      ready();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      ready();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

describe("stopping a run with a signal", () => {
  it("SIGINT: one JSON object with interrupted true, a JUnit file from this run, exit 130", async () => {
    const dir = mkdtempSync(join(tmpdir(), "eosim-int-"));
    const junit = join(dir, "j.xml");
    writeFileSync(junit, "stale");
    const run = await runAndSignal(["run", "--runs", "1000000", "--seed", "1", "--json", "--junit", junit], ["SIGINT"], /schedules/);
    expect(run.code).toBe(130);
    const summary = JSON.parse(run.stdout) as { ok: boolean; interrupted: boolean; signal: string; notRun: string[]; scenarios: { name: string; runs: number; ok: boolean }[] };
    expect(summary.interrupted).toBe(true);
    expect(summary.signal).toBe("SIGINT");
    expect(summary.ok).toBe(false);
    expect(summary.scenarios.length).toBeGreaterThan(0);
    expect(summary.scenarios.at(-1)!.runs).toBeGreaterThan(0);
    const builtIn = readdirSync("scenarios").filter((file) => file.endsWith(".scenario.ts")).length;
    expect(summary.scenarios.length + summary.notRun.length).toBe(builtIn);
    const xml = readFileSync(junit, "utf8");
    expect(xml).not.toBe("stale");
    expect(parseXmlElements(xml)[0].name).toBe("testsuites");
    expect(xml).toMatch(/<skipped type="interrupted" message="interrupted after \d+ of 1000000 schedules/);
    expect(existsSync(`${junit}.tmp`)).toBe(false);
  }, 60_000);

  it("SIGTERM: the summary says what was done, exit 143", async () => {
    const run = await runAndSignal(["run", "bank-ledger", "--runs", "1000000", "--seed", "1", "--workers", "2"], ["SIGTERM"], /schedules/);
    expect(run.code).toBe(143);
    expect(run.stdout).toMatch(/^STOP bank-ledger: interrupted after \d+ of 1000000 schedules, no failure so far/m);
    expect(run.stdout).toMatch(/^interrupted \(SIGTERM\) after \d+ schedules: 1 scenario\(s\): 0 met their expectation, 1 did not \(seed 1\)$/m);
  }, 60_000);

  it("a second signal stops at once, without waiting for the schedules in flight", async () => {
    // Each schedule of this scenario takes seconds (20 calls of 200 ms, and as many for the
    // model): 3 s in, the first SIGINT waits for the schedules in flight, the second does not.
    const run = await runAndSignal(["run", "test/fixtures/hangs/slow-process.scenario.ts", "--seed", "1", "--workers", "2"], ["SIGINT", "SIGINT"], /eosim run: seed/, 1500, 3000);
    expect(run.code).toBe(130);
    expect(run.ms).toBeLessThan(3000);
  }, 60_000);
});
