/**
 * What every fuzz test of an input surface checks, in one place.
 *
 * In process: a function given arbitrary input either returns or throws a
 * {@link BadInputError} whose message is one non-empty line (what `eosim` prints after
 * `eosim: `, exit 2), never a TypeError, RangeError or other raw JavaScript error (exit 4).
 *
 * Spawned: `eosim ...` ends within a bound, with exit code 0-3 (never 4, a signal or a
 * timeout), prints no stack trace, and an exit 2 has one of the shapes of bad input: one line
 * `eosim: ...` on stderr, or the user's error named on one line (a `FAIL <scenario>: <kind>
 * error: ...` line of `eosim run`, a `verdict: error (...)` or `verdict: non-deterministic
 * (...)` line of `eosim replay`).
 *
 * Every generator runs from a fixed seed, so the suite is deterministic.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { BadInputError } from "../../src/scenario/bad-input.ts";

/** The seed of every property of the fuzz suite. */
export const fuzzSeed = 42;

/** The repository root (the project `eosim` runs in). */
export const root = fileURLToPath(new URL("../..", import.meta.url));

const bin = fileURLToPath(new URL("../../bin/eosim.js", import.meta.url));

/** What a call of a function under fuzz did: returned, or refused the input with a one-line message. */
export type Outcome =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "refused"; readonly message: string };

/** A description of a thrown value for an assertion message: its class, message and first frames. */
function described(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}: ${String(error)}`;
  return `${error.constructor.name}: ${error.stack?.split("\n").slice(0, 4).join(" | ") ?? error.message}`;
}

/** Whether `message` is one non-empty line. */
export const isOneLine = (message: string): boolean => message.trim() !== "" && !message.includes("\n");

/**
 * Call `fn`: its value, or the message of the {@link BadInputError} it threw. Anything else
 * thrown, or a message that is empty or spans lines, fails the property, naming `input`.
 */
export function userErrorOrValue(fn: () => unknown, input: unknown): Outcome {
  try {
    return { kind: "value", value: fn() };
  } catch (error) {
    const shown = showInput(input);
    if (!(error instanceof BadInputError)) throw new Error(`not a BadInputError on input ${shown}: ${described(error)}`);
    if (!isOneLine(error.message)) throw new Error(`a message that is not one non-empty line on input ${shown}: ${JSON.stringify(error.message)}`);
    return { kind: "refused", message: error.message };
  }
}

/** `input` as text for an assertion message (short, never throwing). */
export function showInput(input: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(input, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
  } catch {
    text = undefined;
  }
  text ??= String(input);
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}

/** Counts outcomes, so a test can check that its generator reached both sides (values and refusals). */
export class Tally {
  values = 0;
  refused = 0;
  add(outcome: Outcome): Outcome {
    if (outcome.kind === "value") this.values++;
    else this.refused++;
    return outcome;
  }
}

/** A temporary folder outside the project (for data files: JSON reports, repro files). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `eosim-fuzz-${prefix}-`));
}

/**
 * A temporary folder inside the project, for generated scenario files (they import "eosim",
 * which resolves only inside the package; `reports/` is ignored by git and by the type-check).
 */
export function projectTempDir(prefix: string): string {
  return mkdtempSync(join(root, "reports", `tmp-fuzz-${prefix}-`));
}

/** Remove what a fuzz file left: its folders and the repro files `eosim run` wrote for scenarios named `fuzz-<prefix>...`. */
export function cleanUp(dirs: readonly string[], scenarioPrefix?: string): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (scenarioPrefix === undefined) return;
  const reproDir = join(root, "reports", "repro");
  let names: string[] = [];
  try {
    names = readdirSync(reproDir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(scenarioPrefix)) rmSync(join(reproDir, name), { force: true });
}

/** Result of one spawned `eosim` call. */
export interface Spawned {
  readonly args: readonly string[];
  /** Exit code; null when a signal (or the timeout) ended the process. */
  readonly code: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Real time a spawned `eosim` may take before it counts as hung. */
export const spawnTimeoutMs = 60_000;

/**
 * Run `eosim ...args` from the sources in `cwd` (default: the repository root), as
 * `test/cli/run-cli.ts` does, but with a time bound: a call that runs past
 * {@link spawnTimeoutMs} is killed and reported as timed out.
 */
export function spawnEosim(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Spawned {
  const result = spawnSync(process.execPath, ["--conditions=eosim-source", bin, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    timeout: spawnTimeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { args, code: result.status, signal: result.signal, timedOut, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** A line of a raw stack trace. */
export const stackLine = /^\s+at .+[:(]/m;

/** A progress line of a long run, off a terminal (`cli/progress.ts`). */
const progressLine = /^ {2}\S+: \d+\/\d+ schedules, /;

const nonEmptyLines = (text: string): string[] => text.split("\n").filter((line) => line.trim() !== "");

/** The one-line error of an exit-2 stdout: a `FAIL` line of `eosim run`, a `verdict:` line of `eosim replay`. */
const userErrorLine = /^(FAIL \S+: (processor|service|nondeterminism) error: \S.*|verdict: (error \((processor|service|nondeterminism) error: |non-deterministic \().*\))$/;

/**
 * Lines `eosim run` and `eosim replay` print in text mode: the header, status lines, indented
 * detail, the summary, and replay's schedule, checker, history, html and verdict lines. A message
 * that spans lines shows up as a line of none of these shapes.
 */
const outputLine = /^(eosim run: seed |eosim merge: |(ok {2}|FAIL|STOP) \S+: | {2}|\s*\d+\. |\d+ scenario\(s\): |scenario \S+, seed |[a-z-]+: (ok|FAILED|unknown)|recorded history: |history [0-9a-f]*$|html: |verdict: )/;

/** Why the stdout of a text-mode `eosim run | replay | merge` has a line that is none of {@link outputLine}'s, or null. */
function strayLine(stdout: string): string | null {
  return nonEmptyLines(stdout).find((line) => !outputLine.test(line)) ?? null;
}

/** The shape checks of one spawned call's output; throws (via expect) naming the call. */
export function expectCliContract(run: Spawned, what: string): void {
  const label = `${what}\n$ eosim ${run.args.map((a) => JSON.stringify(a)).join(" ")}\nexit ${run.code} signal ${run.signal}\n--- stdout\n${run.stdout.slice(0, 3000)}\n--- stderr\n${run.stderr.slice(0, 3000)}`;
  expect(run.timedOut, `timed out after ${spawnTimeoutMs} ms: ${label}`).toBe(false);
  expect(run.signal, label).toBeNull();
  expect([0, 1, 2, 3], label).toContain(run.code);
  expect(stackLine.test(run.stdout) || stackLine.test(run.stderr), `a stack trace: ${label}`).toBe(false);
  const json = run.args.includes("--json") && run.stdout.trim().startsWith("{");
  if (json) {
    const parsed = JSON.parse(run.stdout) as { scenarios?: { error?: string | null }[] };
    for (const s of parsed.scenarios ?? []) if (typeof s.error === "string") expect(isOneLine(s.error), `a multi-line error in --json: ${label}`).toBe(true);
  } else if (["run", "replay", "merge"].includes(run.args[0]) && !run.stdout.startsWith("Usage:")) {
    expect(strayLine(run.stdout), `a stdout line of no known shape (a message spanning lines?): ${label}`).toBeNull();
  }
  // Progress lines (every 5 s off a terminal) aside, stderr holds only `eosim: ` lines.
  const errLines = nonEmptyLines(run.stderr).filter((line) => !progressLine.test(line));
  for (const line of errLines) expect(line, `a stderr line that is not an eosim message: ${label}`).toMatch(/^eosim: \S/);
  if (run.code === 2 && !json && !nonEmptyLines(run.stdout).some((line) => userErrorLine.test(line))) {
    expect(errLines, `exit 2 without exactly one line of error: ${label}`).toHaveLength(1);
  }
}
