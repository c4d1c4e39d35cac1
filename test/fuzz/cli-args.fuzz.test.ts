// Fuzz of the command line, spawned as a user calls it: generated flag lists for `eosim run`
// (unknown flags, bad numbers, negative seeds, impossible shards, paths that cannot be
// written), garbage and mutated repro files for `eosim replay`, mutated shard reports and
// flags for `eosim merge`, and the other commands with odd arguments. Every call ends within a
// bound, exits 0-3, prints no stack trace, and an exit 2 is one line (see fuzz-helpers.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { cleanUp, expectCliContract, fuzzSeed, spawnEosim, tempDir } from "./fuzz-helpers.ts";
import { mutated, nearly, number, shardReportArb, text, textOf } from "./inputs.ts";

/** Text for an argument (newlines included: a message that quotes it must stay one line). */
const arg = text;

const dir = tempDir("cli-args");
afterAll(() => cleanUp([dir]));

let fileCount = 0;
/** Write `content` to a fresh file of the temp folder; returns its path. */
function written(content: string): string {
  const file = join(dir, `f${fileCount++}.json`);
  writeFileSync(file, content);
  return file;
}

/**
 * One piece of an `eosim run` command line: a flag with a value (two arguments or `=`), a
 * bare flag, or a positional. Values are valid two times in three, so that some runs get past
 * the flags; valid values are small, so a run stays short (no --runs in the millions, no 64
 * workers on 2 cores).
 */
const flagWithValue = (name: string, valid: readonly string[], invalid: readonly string[]) =>
  fc.tuple(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) }), fc.boolean()).map(([value, joined]) => (joined ? [`--${name}=${value}`] : [`--${name}`, value]));

const runPiece: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 2, arbitrary: flagWithValue("runs", ["20", " 5", "1e1", "0x10", "1"], ["0", "-1", "abc", "1.5", "", " ", "100000001", "Infinity", "NaN"]) },
  { weight: 2, arbitrary: flagWithValue("seed", ["-1", "7", "-0", "1e3", "0b101", "-2147483648", "2147483647"], ["-2147483649", "2147483648", "1.5", "abc", "", "--"]) },
  { weight: 1, arbitrary: flagWithValue("workers", ["1", "2", "2.0"], ["0", "-1", "abc", "1.5", "", "65"]) },
  { weight: 1, arbitrary: flagWithValue("shard", ["1/1", "2/3", "1/2", " 1/2 ", "01/02"], ["3/2", "0/1", "a/b", "1/0", "/", "1/2/3", "-1/2", "1/-2", ""]) },
  { weight: 1, arbitrary: flagWithValue("time-limit", ["30", "5"], ["0", "-1", "abc", "Infinity", "", "1e400", "0.001", "1e-9"]) },
  { weight: 1, arbitrary: flagWithValue("junit", [join(dir, "junit.xml"), join(dir, "sub", "junit.xml")], ["", " ", "/nonexistent-dir/x/junit.xml", "/dev/null/x.xml", dir]) },
  { weight: 1, arbitrary: fc.constantFrom("--check-determinism=2", "--check-determinism=0", "--check-determinism=abc", "--check-determinism=0.5", "--check-determinism=1", "--check-determinism=", "--check-determinism").map((a) => [a]) },
  { weight: 2, arbitrary: fc.constantFrom("--json", "--quiet", "--json", "--quiet", "--json=1", "--quiet=no", "--foo", "-x", "-j", "--", "--Runs", "---runs", "--runs", "--seed", "-").map((a) => [a]) },
  { weight: 1, arbitrary: fc.constantFrom("test/fixtures/own-processor.scenario.ts", "click-counter", "test/fixtures/own-*.scenario.ts", "test/fixtures/cart-checkout.scenario.ts", "no-such-scenario", "test/fixtures/none-*.scenario.ts", "no/such/file.scenario.ts", "package.json", "../outside", "").map((a) => [a]) },
  { weight: 1, arbitrary: arg.map((a) => [a]) },
);

describe("eosim run with generated flag lists", () => {
  it("ends with exit 0-3 and one line of bad input, for 8 generated command lines", () => {
    fc.assert(
      fc.property(fc.array(runPiece, { minLength: 1, maxLength: 5 }), (pieces) => {
        // A scenario and a bound come first, so a line without them stays short; later flags override them.
        const args = ["run", "test/fixtures/own-processor.scenario.ts", "--runs", "30", "--time-limit", "20", ...pieces.flat()];
        expectCliContract(spawnEosim(args), "generated run flags");
      }),
      { seed: fuzzSeed, numRuns: 8, endOnFailure: true },
    );
  });
});

/** The repro of the dedupe-off bug that `eosim mutants dedupe-off --seed 1` writes: it replays as "fails". */
const dedupeOffRepro = {
  format: "eosim-repro/1",
  scenario: "mutant-dedupe-off",
  scenarioFile: null,
  seed: 1,
  path: "40:0:11:13:13:0:0:0:0:1:1:0:0:1:0:0:1:0:0:0",
  scheduleSeed: 0,
  faultMix: { "lost-ack": 0, "lost-request": 2, "ambiguous-error": 3, reorder: 1, "no-idempotence": 1, crash: 2, "disk-wipe": 0, rebalance: 0, pause: 1, compaction: 3, "restore-race": 0, truncation: 0, "upstream-duplicate": 3 },
  intents: [{ k: "ambiguous-error", target: 0 }, { k: "produce", producer: 0, key: 0, draw: 145 }] as unknown[],
  historyHash: "1f9827cbedbfd5ab",
  stepHashes: ["3a82962d21d41ff9", "5cc9fd0d1aa4b2b3"],
  failure: "safety",
  failureStep: 3,
  anomalies: ["state-divergence", "state-offset-mismatch", "inconsistent-output"],
  reproduced: true,
};

const reproFileText = fc.oneof(
  { weight: 6, arbitrary: mutated(dedupeOffRepro, { scenario: fc.constantFrom("mutant-dedupe-off", "reference-bank-ledger", "bank-ledger", "no-such-scenario", "ledger-service", "fixture-loyalty-points"), scenarioFile: fc.constantFrom(null, "test/fixtures/own-processor.scenario.ts", "../x.scenario.ts", "/etc/passwd", "no/such.scenario.ts", "package.json"), intents: fc.array(fc.record({ k: fc.constantFrom("produce", "step", "crash", "tick", "nope"), producer: fc.nat(3), key: fc.nat(3), draw: fc.nat(999), instance: fc.nat(3), count: fc.nat(5), ticks: fc.nat(40) }, { requiredKeys: ["k"] }), { maxLength: 6 }), failureStep: nearly(number), seed: nearly(number) }).chain(textOf) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string() },
);

describe("eosim replay with generated repro files and arguments", () => {
  it("ends with exit 0-3 and one line of bad input, for 5 generated calls", () => {
    fc.assert(
      fc.property(reproFileText, fc.oneof({ weight: 6, arbitrary: fc.constant("one" as const) }, { weight: 1, arbitrary: fc.constantFrom("none" as const, "two" as const, "flag" as const, "missing" as const) }), (content, shape) => {
        const file = written(content);
        const args = { one: [file], none: [], two: [file, file], flag: [file, "--json"], missing: [join(dir, "missing.json")] }[shape];
        expectCliContract(spawnEosim(["replay", ...args]), `repro file:\n${content.slice(0, 2000)}`);
      }),
      { seed: fuzzSeed, numRuns: 5, endOnFailure: true },
    );
  });
});

/** One to three shard reports of a run of 1-3 shards, mutated (shard counts included, up to huge ones). */
const mergeCase = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(100, 250))
  .chain(([total, runs]) => fc.array(fc.integer({ min: 1, max: total }).chain((i) => shardReportArb(i, total, runs)), { minLength: 1, maxLength: 3 }))
  .chain((reports) => fc.tuple(...reports.map(textOf)));

const mergeFlags = fc.array(fc.constantFrom(["--json"], ["--junit", ""], ["--junit", "/nonexistent-dir/x/j.xml"], ["--junit", join(dir, "merged.xml")], ["--bogus"], ["--junit"], [join(dir, "missing.json")]), { maxLength: 2 });

describe("eosim merge with generated shard reports and flags", () => {
  it("ends with exit 0-3 and one line of bad input, for 3 generated calls", () => {
    fc.assert(
      fc.property(mergeCase, mergeFlags, (contents, flags) => {
        const files = contents.map((content) => written(content));
        expectCliContract(spawnEosim(["merge", ...files, ...flags.flat()]), `shard reports:\n${contents.join("\n").slice(0, 3000)}`);
      }),
      { seed: fuzzSeed, numRuns: 3, endOnFailure: true },
    );
  });
});

describe("the other commands with generated arguments", () => {
  const command = fc.oneof(
    fc.tuple(fc.constantFrom("list", "new"), fc.array(fc.oneof(arg, fc.constantFrom("--json", "-h", "orders", "A B", "../x", "a/b", "", "--", "fuzz-new")), { maxLength: 3 })).map(([c, rest]) => [c, ...rest]),
    fc.array(fc.oneof(fc.constantFrom("--runs", "20", "--seed", "-1", "--json", "dedupe-off", "no-such-bug", "--runs=0", "--nope"), arg), { maxLength: 3 }).map((rest) => ["mutants", "--runs", "20", ...rest]),
    fc.tuple(fc.constantFrom("", "runn", "RUN", "-v", "--version", "help", "--help", "-h", "bench --nope", "replay --help"), arg).map(([c, extra]) => [...c.split(" "), extra]),
  );

  it("end with exit 0-3 and one line of bad input, for 3 generated calls", () => {
    // In a folder of its own: `eosim new` writes there (and `list` finds no project).
    const cwd = join(dir, "cwd");
    mkdirSync(cwd, { recursive: true });
    fc.assert(
      fc.property(command, (args) => expectCliContract(spawnEosim(args, { cwd }), "generated command")),
      { seed: fuzzSeed, numRuns: 3, endOnFailure: true },
    );
  });
});
