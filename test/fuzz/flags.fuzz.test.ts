// Fuzz of the command-line flag parsers, in process: whatever the argument list, parseFlags
// returns the flags or refuses them with one line (BadInputError, exit 2), and intFlag,
// secondsFlag and parseShard return a value within their rule or refuse it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intFlag, parseFlags, secondsFlag } from "../../src/cli/args.ts";
import { parseShard } from "../../src/run/schedule-chunks.ts";
import { runFlags } from "../../src/cli/run-command.ts";
import { fuzzSeed, Tally, userErrorOrValue } from "./fuzz-helpers.ts";


/** Text that reads as a number to someone: signs, exponents, hex, spaces, huge and tiny values. */
const numberish = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom("", " ", "0", "-0", "+1", "1e3", "1e400", "-1e400", "0x10", "0b11", "0o7", "1_000", " 5", "5 ", "1.", ".5", "-.5", "NaN", "Infinity", "-Infinity", "١٢", "1\n2", "2147483648", "-2147483649", "4294967296", "9007199254740993"),
);

/** One argument: a flag of the spec (bare, with =value), an unknown or malformed flag, a value, anything. */
const argument = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.keys(runFlags)).map((name) => `--${name}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(runFlags)), fc.oneof(numberish, fc.string())).map(([name, value]) => `--${name}=${value}`) },
  { weight: 3, arbitrary: numberish },
  { weight: 2, arbitrary: fc.constantFrom("--", "-", "---", "--=", "--=1", "-x", "-abc", "--foo", "--no-json", "--json=false", "--Runs", "-r", "--runs=", "--seed=-1", "--\u0000", "--r\nuns", "--help", "-h") },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme" }).map((s) => `--${s}`) },
);

describe("parseFlags", () => {
  it("returns the flags or refuses them with one line, for 1000 generated argument lists", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 8 }), (argv) => {
        const outcome = tally.add(userErrorOrValue(() => parseFlags("run", argv, runFlags), argv));
        if (outcome.kind === "refused") expect(outcome.message).toMatch(/^run: .+ \(see eosim run --help\)$/);
        else if (outcome.kind === "value") {
          const { values, positionals } = outcome.value as ReturnType<typeof parseFlags<typeof runFlags>>;
          for (const [name, value] of Object.entries(values)) {
            expect(Object.keys(runFlags)).toContain(name);
            expect(typeof value).toBe(runFlags[name as keyof typeof runFlags].type);
          }
          expect(positionals.every((p) => typeof p === "string")).toBe(true);
        }
      }),
      { seed: fuzzSeed, numRuns: 1000 },
    );
    // The generator reaches both sides of the rule.
    expect(tally.values).toBeGreaterThan(100);
    expect(tally.refused).toBeGreaterThan(100);
  });

  it("reads a negative number after a string flag as its value, for 300 generated numbers", () => {
    fc.assert(
      fc.property(fc.constantFrom("runs", "seed", "workers", "time-limit"), fc.oneof(fc.integer({ max: -1 }), fc.double({ max: -Number.MIN_VALUE, noNaN: true })), (name, n) => {
        const outcome = userErrorOrValue(() => parseFlags("run", [`--${name}`, String(n)], runFlags), n);
        expect(outcome.kind).toBe("value");
        expect((outcome as { value: { values: Record<string, string> } }).value.values[name]).toBe(String(n));
      }),
      { seed: fuzzSeed, numRuns: 300 },
    );
  });
});

describe("intFlag", () => {
  it("returns an integer within [min, max] or refuses with one line naming the flag, for 1000 generated values and bounds", () => {
    const tally = new Tally();
    const bounds = fc.tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 })).map(([min, span]) => [min, min + span] as const);
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string()), bounds, (value, [min, max]) => {
        const outcome = tally.add(userErrorOrValue(() => intFlag("runs", value, min, max), { value, min, max }));
        if (outcome.kind === "refused") expect(outcome.message).toBe(`--runs must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
        else if (outcome.kind === "value") {
          const n = outcome.value as number;
          expect(Number.isInteger(n) && n >= min && n <= max, `${JSON.stringify(value)} -> ${n}`).toBe(true);
        }
      }),
      { seed: fuzzSeed, numRuns: 1000 },
    );
    expect(intFlag("runs", undefined, 1, 2)).toBeUndefined();
    expect(tally.values).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(50);
  });
});

describe("secondsFlag", () => {
  it("returns a positive finite number or refuses with one line, for 500 generated values", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string()), (value) => {
        const outcome = tally.add(userErrorOrValue(() => secondsFlag("time-limit", value), value));
        if (outcome.kind === "value") expect(Number.isFinite(outcome.value) && (outcome.value as number) > 0).toBe(true);
      }),
      { seed: fuzzSeed, numRuns: 500 },
    );
    expect(tally.values).toBeGreaterThan(20);
    expect(tally.refused).toBeGreaterThan(20);
  });
});

describe("parseShard", () => {
  // Digit runs short enough to stay safe integers (longer ones are a known defect).
  const digits = fc.oneof(fc.integer({ min: 0, max: 12 }).map(String), fc.integer({ min: 1, max: 25 }).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))));
  const shardText = fc.oneof(
    fc.tuple(digits, digits).map(([i, n]) => `${i}/${n}`),
    fc.tuple(digits, fc.constantFrom("/", " / ", "//", "\\", "/-", ":", "/+"), digits).map(([i, sep, n]) => `${i}${sep}${n}`),
    fc.tuple(fc.string({ maxLength: 3 }), digits, fc.string({ maxLength: 3 })).map(([a, i, b]) => `${a}${i}/${i}${b}`),
    numberish,
    fc.string(),
  );

  it("never throws; returns null or 1 <= index <= count, both safe integers, for 1000 generated texts", () => {
    let shards = 0;
    fc.assert(
      fc.property(shardText, (text) => {
        const outcome = userErrorOrValue(() => parseShard(text), text);
        expect(outcome.kind).toBe("value");
        const shard = (outcome as { value: ReturnType<typeof parseShard> }).value;
        if (shard === null) return;
        shards++;
        expect(Number.isSafeInteger(shard.index) && Number.isSafeInteger(shard.count), text).toBe(true);
        expect(shard.index >= 1 && shard.index <= shard.count, text).toBe(true);
        expect(text.trim().split("/").map(Number), text).toEqual([shard.index, shard.count]);
      }),
      { seed: fuzzSeed, numRuns: 1000 },
    );
    expect(shards).toBeGreaterThan(20);
  });
});
