/**
 * Generators of the data files eosim reads, shared by the in-process and the CLI fuzz tests:
 * strings, numbers and JSON values a hand-edited or hostile file may hold, intents right and
 * wrong, and repro files and shard reports mutated from valid ones (fields replaced, removed
 * or added; the text truncated, nested deep or given numbers JSON cannot hold).
 */
import fc from "fast-check";
import { faultIntentDecls } from "../../src/faults/catalogue.ts";
import { faultKinds } from "../../src/faults/fault-kind.ts";

/** Strings a hand-edited or hostile file may hold. */
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("two\nlines", "trailing\n", "\r\n") },
  { weight: 2, arbitrary: fc.constantFrom("", " ", "\t", "a b", "__proto__", "constructor", "toString", "hasOwnProperty", "\\", '"', "%s", "${x}", "\u2028", "\u0000", "é", "🙂", "x".repeat(300)) },
);

/** Numbers at the edges JSON can carry (NaN and infinities become null in JSON). */
export const number = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 0.5, 1.5, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
);

/** Any JSON-ish value, a few levels deep. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: number },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[]], [{}], { a: null }) },
);

/** A value a field of `shape` is likely to be tested with: usually of the right kind, sometimes anything. */
export const nearly = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: anyValue });

/** An intent field's value: a valid index, one past the range, negative, fractional, or not a number. */
const intentNumber = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 999_999 }) }, { weight: 1, arbitrary: fc.constantFrom(1_000_000, -1, 0.5, 2) }, { weight: 1, arbitrary: anyValue });

/** Intents as repro files and fixed schedules carry them: every kind, with fields right or wrong. */
export const intentArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant("produce"), producer: intentNumber, key: intentNumber, draw: fc.oneof(intentNumber, fc.integer({ min: 0, max: 999 })), kind: fc.option(intentNumber, { nil: undefined }) }, { requiredKeys: ["k", "producer", "key", "draw"] }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("retry"), producer: intentNumber, index: intentNumber }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("step"), instance: intentNumber, count: fc.oneof(fc.integer({ min: 0, max: 8 }), intentNumber) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("tick"), ticks: fc.oneof(fc.integer({ min: 0, max: 40 }), intentNumber) }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...faultIntentDecls).chain((decl) => {
      const fields: Record<string, fc.Arbitrary<unknown>> = { k: fc.constant(decl.k) };
      for (const [name, field] of Object.entries(decl.fields)) fields[name] = field.kind === "target" ? fc.oneof(fc.constantFrom(0, 1, 2), intentNumber) : intentNumber;
      const optional = Object.entries(decl.fields).filter(([, f]) => f.optional !== true).map(([name]) => name);
      return fc.record(fields, { requiredKeys: ["k", ...optional] });
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.oneof(text, fc.constantFrom("crash ", "Produce", "steps")), instance: intentNumber }) },
  { weight: 1, arbitrary: anyValue },
);

/** Text made from `value`, or broken on the way: truncated, with garbage around it, with a number JSON cannot hold, nested deep. */
export function textOf(value: unknown): fc.Arbitrary<string> {
  const json = JSON.stringify(value, null, 1);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(json) },
    { weight: 1, arbitrary: fc.nat({ max: json.length }).map((n) => json.slice(0, n)) },
    { weight: 1, arbitrary: fc.constantFrom("\uFEFF", " ", "x", "]", "}{", "\u0000").map((junk) => (junk === "\uFEFF" ? junk + json : json + junk)) },
    { weight: 1, arbitrary: fc.constantFrom("1e999", "-1e999", "1e-999", "123456789012345678901234567890").map((n) => json.replace(/(?<=[:[,]\s*)-?\d+(\.\d+)?(?=\s*[,}\]])/, n)) },
    { weight: 1, arbitrary: fc.constantFrom(30, 63, 64, 65, 200, 100_000).map((depth) => json.replace(/\[\]|\{\}|null|\d+/, `${"[".repeat(depth)}${"]".repeat(depth)}`)) },
    { weight: 1, arbitrary: fc.constant(json.replace("{", '{"__proto__": {"format": 1}, ')) },
  );
}

/** `base` with some of its fields replaced (by `fields[name]` or anything), removed, or added. */
export function mutated<T extends Record<string, unknown>>(base: T, fields: Partial<Record<keyof T | string, fc.Arbitrary<unknown>>>, extra: readonly string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const names = [...Object.keys(base), ...Object.keys(fields), ...extra];
  const change = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names).chain((name) => (fields[name] ?? anyValue).map((value) => ({ name, value, remove: false }))) },
    { weight: 2, arbitrary: fc.constantFrom(...names).chain((name) => anyValue.map((value) => ({ name, value, remove: false }))) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((name) => ({ name, value: undefined, remove: true })) },
  );
  return fc.array(change, { maxLength: 3 }).map((changes) => {
    // Shallow: a change replaces a whole field, and nested values are generated apart.
    const out: Record<string, unknown> = { ...base };
    for (const { name, value, remove } of changes) {
      if (remove) delete out[name];
      else out[name] = value;
    }
    return out;
  });
}

// ---- Repro files

/** A repro of the built-in bank ledger that reads (and replays: its schedule is real). */
export const validRepro = {
  format: "eosim-repro/1",
  scenario: "reference-bank-ledger",
  scenarioFile: null as string | null,
  seed: 1,
  path: "0",
  scheduleSeed: -7,
  faultMix: { crash: 2, "lost-ack": 0 },
  intents: [
    { k: "produce", producer: 0, key: 1, draw: 7 },
    { k: "step", instance: 0, count: 2 },
    { k: "crash", instance: 0 },
  ] as unknown[],
  historyHash: "00",
  stepHashes: ["a", "b"],
  failure: "safety",
  failureStep: 3,
  anomalies: [] as string[],
};

/** Paths a repro file may name as its scenario file: inside the project, or trying to get out. */
const scenarioFilePath = fc.oneof(
  fc.constantFrom(null, "scenarios/bank-ledger.scenario.ts", "test/fixtures/own-processor.scenario.ts", "./scenarios/../scenarios/x.scenario.ts", "nope.scenario.ts", ""),
  fc.constantFrom("..", "../x.scenario.ts", "../../etc/passwd", "a/../../x", "scenarios/../../x", "..\\..\\x", "/etc/passwd", "/", "C:\\x.ts", "c:/x", "\\\\server\\share\\x", "//server/x", "file:///etc/passwd", "~/x", ".\\..\\x"),
  fc.array(fc.constantFrom("..", ".", "a", "", "\\", "/"), { maxLength: 6 }).map((parts) => parts.join("/")),
  text,
);

const reproFields = {
  format: fc.constantFrom("eosim-repro/1", "eosim-repro/2", "eosim-repro/", "EOSIM-REPRO/1", ""),
  scenario: fc.oneof(fc.constantFrom("reference-bank-ledger", "bank-ledger", "mutant-dedupe-off", ""), text),
  scenarioFile: scenarioFilePath,
  seed: nearly(number),
  scheduleSeed: nearly(number),
  path: nearly(fc.oneof(fc.nat().map(String), text)),
  faultMix: nearly(fc.dictionary(fc.oneof(fc.constantFrom(...faultKinds), text), nearly(number), { maxKeys: 4 })),
  intents: nearly(fc.array(intentArb, { maxLength: 6 })),
  historyHash: nearly(text),
  stepHashes: nearly(fc.array(nearly(text), { maxLength: 6 })),
  failure: nearly(fc.oneof(fc.constantFrom("safety", "liveness", "processor", "harness", "none"), text)),
  failureStep: nearly(number),
  anomalies: nearly(fc.array(nearly(text), { maxLength: 3 })),
  error: nearly(text),
  reproduced: nearly(fc.boolean()),
};

/** The text of a repro file: mutated from a valid one, any JSON, or not JSON at all. */
export const reproText = fc.oneof(
  { weight: 8, arbitrary: mutated(validRepro, reproFields, ["extra"]).chain(textOf) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string() },
);

// ---- Shard reports

/** The report of shard `index` of `count` of a run of `runs` schedules of one scenario (by hand: nothing runs). */
export function shardReport(index: number, count: number, runs: number, name = "click-counter") {
  const chunkCount = Math.ceil(runs / 100);
  const chunks = Array.from({ length: chunkCount }, (_, k) => k).filter((k) => k % count === index - 1).map((k) => ({ index: k, runs: Math.min(100, runs - k * 100), failedAt: null as number | null, coverage: { "fault:crash": 3 } as Record<string, unknown> }));
  const coverageScope = { faultKinds: ["crash", "pause"], crashPoints: ["before-poll"], crashPointsIfReached: [] as unknown[], warns: true };
  const shard = { index, count, plannedRuns: runs, chunkSize: 100, requiredCoverage: [] as unknown[], coverageScope, chunks };
  const scenario = {
    name, expect: "pass", ok: true, runs: chunks.reduce((n, c) => n + c.runs, 0), failures: 0, seed: 1, repro: null, schedulesPerSecond: 500,
    failure: null, anomalies: [], shrunkIntents: null, checkers: [], steps: null, replay: null, error: null,
    coverage: { "fault:crash": 3 }, coverageMissing: [], shard,
  };
  return { ok: true, seed: 1, shard: `${index}/${count}`, scenarios: [scenario] };
}

const count = fc.oneof(fc.integer({ min: 0, max: 4 }), number);
const chunkArb = mutated({ index: 0, runs: 100, failedAt: null, coverage: { "fault:crash": 3 } }, { index: count, runs: count, failedAt: fc.oneof(fc.constant(null), count), coverage: fc.dictionary(text, nearly(count), { maxKeys: 3 }) });
const scopeNames = nearly(fc.array(fc.oneof(fc.constantFrom("crash", "before-poll"), text), { maxLength: 2 }));
const coverageScopeArb = nearly(fc.record({ faultKinds: scopeNames, crashPoints: scopeNames, crashPointsIfReached: scopeNames, warns: nearly(fc.boolean()) }, { requiredKeys: [] }));
const shardDetailFields = { index: count, count, plannedRuns: count, chunkSize: nearly(fc.constantFrom(100, 1, 50)), requiredCoverage: nearly(fc.array(text, { maxLength: 2 })), coverageScope: coverageScopeArb, chunks: fc.array(chunkArb, { maxLength: 4 }) };
const summaryFields = {
  name: fc.oneof(fc.constantFrom("click-counter", "other"), text),
  expect: fc.constantFrom("pass", "fail", "maybe"),
  ok: nearly(fc.boolean()),
  runs: count,
  failures: count,
  seed: nearly(number),
  repro: fc.oneof(fc.constant(null), text),
  schedulesPerSecond: nearly(number),
  failure: fc.constantFrom(null, "safety", "liveness", "unknown", "bogus"),
  anomalies: nearly(fc.array(text, { maxLength: 2 })),
  shrunkIntents: fc.oneof(fc.constant(null), count),
  checkers: nearly(fc.array(mutated({ checker: "offsets", valid: false, anomalies: [{ kind: "k", detail: "d" }] }, { valid: fc.constantFrom(true, false, "unknown", "yes"), anomalies: nearly(fc.array(mutated({ kind: "k", detail: "d", partition: 0 }, { partition: number, step: number }), { maxLength: 2 })) }), { maxLength: 2 })),
  steps: fc.oneof(fc.constant(null), nearly(fc.array(text, { maxLength: 2 }))),
  replay: fc.oneof(fc.constant(null), text),
  error: fc.oneof(fc.constant(null), text, fc.constantFrom("processor error: x", "harness error: y", "nondeterminism error: z")),
  coverage: nearly(fc.dictionary(text, nearly(count), { maxKeys: 3 })),
  coverageMissing: nearly(fc.array(text, { maxLength: 2 })),
};

/** A shard report of shard `index`/`count`, mutated at the top, in a scenario, or in its shard detail (or not at all). */
export function shardReportArb(index: number, total: number, runs: number): fc.Arbitrary<Record<string, unknown>> {
  const base = shardReport(index, total, runs);
  const summary = base.scenarios[0];
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(base) },
    { weight: 2, arbitrary: mutated(base, { seed: nearly(number), interrupted: nearly(fc.boolean()), scenarios: fc.array(fc.constant(summary), { maxLength: 3 }) }) },
    { weight: 4, arbitrary: mutated(summary, summaryFields, ["shard"]).map((s) => ({ ...base, scenarios: [s] })) },
    { weight: 4, arbitrary: mutated(summary.shard, shardDetailFields).map((shard) => ({ ...base, scenarios: [{ ...summary, shard }] })) },
  );
}

/** One to four shard reports, of a run of 1-3 shards (so a merge can succeed), each maybe mutated, as files' texts. */
export const shardFiles = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(1, 100, 250, 450))
  .chain(([total, runs]) => fc.array(fc.integer({ min: 1, max: total }).chain((i) => shardReportArb(i, total, runs)), { minLength: 1, maxLength: 4 }))
  .chain((reports) => fc.tuple(...reports.map(textOf)));

