// Fuzz of the scenario files a user writes, through the CLI as a user runs them: generated
// scenario files whose processor or makeEvent misbehaves (`eosim run` over a folder of them,
// then `eosim replay` of a repro it wrote), and files that misbehave when they are loaded.
// Every call ends within a bound, exits 0-3, prints no stack trace, and an exit 2 names the
// error on one line (see fuzz-helpers.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cleanUp, expectCliContract, fuzzSeed, projectTempDir, root, spawnEosim } from "./fuzz-helpers.ts";
import { loadFile, processorFile } from "./scenario-files.ts";

const prefix = "fuzz-cli-";
const dir = projectTempDir("scenarios");
afterAll(() => cleanUp([dir], prefix));

/** Scenario files per `eosim run` of misbehaving processors. */
const filesPerRun = 4;

/** How a folder of scenario files is run: text or JSON, quiet, worker threads, a determinism check. */
const runFlags = fc.record({
  seed: fc.integer({ min: -1000, max: 1000 }),
  json: fc.boolean(),
  quiet: fc.boolean(),
  workers: fc.constantFrom(null, null, null, "2"),
  determinism: fc.constantFrom(null, null, "--check-determinism", "--check-determinism=1"),
});

/** The repro files `eosim run` named in its output (text or --json). */
function reprosIn(stdout: string): string[] {
  const text = [...stdout.matchAll(/^ {2}repro: (\S+)$/gm)].map((m) => m[1]);
  const json = [...stdout.matchAll(/^\s*"repro": "([^"]+)",?$/gm)].map((m) => m[1]);
  return [...text, ...json];
}

/** Whether the run reported a safety failure of scenario `name`. */
function safetyFailed(stdout: string, name: string, json: boolean): boolean {
  if (!json) return new RegExp(`^FAIL ${name}: safety failure`, "m").test(stdout);
  const summary = (JSON.parse(stdout) as { scenarios: { name: string; failure: string | null }[] }).scenarios.find((s) => s.name === name);
  return summary?.failure === "safety";
}

describe("eosim run on generated scenario files whose processor misbehaves", () => {
  let batch = 0;
  let replays = 0;

  it(`ends with exit 0-3 and one-line errors, for 10 runs of ${filesPerRun} generated files each and the replay of a repro of every other run`, () => {
    fc.assert(
      fc.property(fc.array(processorFile, { minLength: filesPerRun, maxLength: filesPerRun }), runFlags, (files, flags) => {
        const folder = join(dir, `batch-${batch}`);
        mkdirSync(folder);
        const names = files.map((_, i) => `${prefix}${batch}-${i}`);
        const sources = files.map((file, i) => file.source(names[i]));
        sources.forEach((source, i) => writeFileSync(join(folder, `${names[i]}.scenario.ts`), source));
        const args = ["run", relative(root, folder), "--seed", String(flags.seed), "--runs", "20"];
        if (flags.json) args.push("--json");
        if (flags.quiet) args.push("--quiet");
        if (flags.workers !== null) args.push("--workers", flags.workers);
        if (flags.determinism !== null) args.push(flags.determinism);
        const run = spawnEosim(args);
        const what = `batch ${batch}, files:\n${sources.join("\n")}`;
        expectCliContract(run, what);
        // Every scenario gets its result: a status line, or an entry of the JSON summary.
        if (flags.json) expect((JSON.parse(run.stdout) as { scenarios: unknown[] }).scenarios, what).toHaveLength(filesPerRun);
        else if (!flags.quiet) for (const name of names) expect(run.stdout, what).toMatch(new RegExp(`^(ok  |FAIL) ${name}: `, "m"));
        // A processor that is only not deterministic is named so (or passes when it never showed), never a safety failure.
        files.forEach((file, i) => {
          if (file.nondeterministicOnly) expect(safetyFailed(run.stdout, names[i], flags.json), `a non-deterministic processor reported as a safety failure: ${sources[i]}\n${run.stdout}`).toBe(false);
        });
        // Every other run's first repro is replayed: it ends as the run did, except where a
        // processor's behaviour depends on calls made before (module state), which a fresh process has not made.
        const [repro] = reprosIn(run.stdout);
        if (batch % 2 === 0 && repro !== undefined) {
          replays++;
          const replay = spawnEosim(["replay", repro]);
          expectCliContract(replay, `replay of the repro of ${what}`);
          const index = names.findIndex((name) => repro.includes(`/${name}-seed`));
          if (index >= 0 && safetyFailed(run.stdout, names[index], flags.json) && !/calls [>%]/.test(sources[index])) {
            expect(replay.stdout, `a safety failure that replays as passing: ${what}`).not.toMatch(/^verdict: passes$/m);
          }
        }
        batch++;
      }),
      { seed: fuzzSeed, numRuns: 10, endOnFailure: true },
    );
    expect(replays).toBeGreaterThanOrEqual(3);
  });
});

describe("eosim list and run on generated scenario files that misbehave at load", () => {
  let count = 0;

  it("end with exit 0-3 and one line of error, for 10 generated files", () => {
    fc.assert(
      fc.property(loadFile(`${prefix}load`), (file) => {
        const path = join(dir, `${prefix}load-${count++}.scenario.ts`);
        writeFileSync(path, file.source);
        const args = file.command === "list" ? ["list", relative(root, path)] : ["run", relative(root, path), "--seed", "1", "--runs", "20", "--quiet"];
        // A file whose top level never ends is stopped after 2 s instead of the default 30 s.
        const run = spawnEosim(args, { env: { EOSIM_LOAD_TIMEOUT_MS: "2000" } });
        expectCliContract(run, `file:\n${file.source}`);
      }),
      { seed: fuzzSeed, numRuns: 10, endOnFailure: true },
    );
  });
});
