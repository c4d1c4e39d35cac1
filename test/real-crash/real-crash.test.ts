// A real crash, not a simulated one: the ledger service's loop (`ledger-process.ts`) runs in a
// child process on a file-backed SQLite database (WAL, synchronous=FULL) and is killed with
// SIGKILL at random moments, round after round, each time restarted on the same database;
// after every kill the checker (`crash-check.ts`) holds the database and the effects log
// against the reference model, and a last round runs to the end. Real time decides where a
// kill lands (this runs outside the simulation); the seed decides the delays and the inputs.
//
// Run by `npm run test:crash` (and by CI), not by `npm test`: it takes a minute or two.
// EOSIM_CRASH_ROUNDS changes the number of killed rounds (default 200).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { checkCrash, type CrashCheck } from "./crash-check.ts";

const seed = 15;
const rounds = Number(process.env.EOSIM_CRASH_ROUNDS ?? 200);
/** Inputs a killed round may read: more than any round gets through, so every kill lands mid-stream or in the start-up. */
const endless = 1_000_000_000;
/** Inputs the last round (never killed) reads past where the killed rounds left off. */
const lastStretch = 500;
/** A kill lands 0 to this many ms after the start (start-up and opening the database included). */
const killWithinMs = 800;

/** The child bundled into one file (inside the repository, so it finds better-sqlite3): a start takes milliseconds, not the TypeScript loader's half second. */
async function bundleChild(): Promise<string> {
  const out = join(process.cwd(), "reports", "real-crash", "ledger-process.mjs");
  mkdirSync(join(process.cwd(), "reports", "real-crash"), { recursive: true });
  await build({ entryPoints: ["test/real-crash/ledger-process.ts"], outfile: out, bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", logLevel: "warning" });
  return out;
}

/** A seeded stream of delays (mulberry32). */
function delays(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * killWithinMs);
  };
}

/** Run the child once; kill it after `killAfterMs` (null: let it finish). Resolves with how it ended. */
function runChild(child: string, db: string, effects: string, inputs: number, killAfterMs: number | null): Promise<{ killed: boolean; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, db, effects, String(seed), String(inputs)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === null ? undefined : setTimeout(() => proc.kill("SIGKILL"), killAfterMs);
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") return resolve({ killed: true, finished: false });
      if (code !== 0) return reject(new Error(`the ledger process exited with ${code}: ${stderr.trim()}`));
      resolve({ killed: false, finished: stdout.includes("done") });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "eosim-real-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the ledger service on SQLite, killed with SIGKILL", () => {
  it(`holds exactly the committed transactions after every kill, over ${rounds} rounds, and ends exactly-once`, async () => {
    const child = await bundleChild();
    const db = join(dir, "ledger.db");
    const effects = join(dir, "effects.log");
    writeFileSync(effects, "");
    const next = delays(seed);
    const started = performance.now();
    let kills = 0;
    let midStream = 0;
    let last: CrashCheck = { next: 0, outputs: 0, resent: 0, anomalies: [] };
    for (let round = 1; round <= rounds; round++) {
      const ended = await runChild(child, db, effects, endless, next());
      if (ended.killed) kills++;
      const check = checkCrash(db, effects, seed, endless, ended.finished);
      expect(check.anomalies, `round ${round} (${ended.killed ? "killed" : "ended"}; next offset ${last.next} -> ${check.next})`).toEqual([]);
      if (ended.killed && check.next > last.next) midStream++;
      last = check;
    }
    const inputs = last.next + lastStretch;
    const ended = await runChild(child, db, effects, inputs, null);
    const final = checkCrash(db, effects, seed, inputs, true);
    expect(ended.finished).toBe(true);
    expect(final.anomalies).toEqual([]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `real crash: ${rounds} rounds, ${kills} SIGKILLs (${midStream} after the process had committed in that round), ` +
        `${final.next} inputs applied exactly once, ${final.outputs} outputs sent (${final.resent} re-sent after a kill), ${seconds} s`,
    );
    expect(kills).toBe(rounds);
    expect(midStream).toBeGreaterThan(rounds / 4);
  });
});
