// Fuzz of the files and values eosim reads, in process: repro files (readRepro), shard
// reports (readShardReport, and mergeReports over several), scenario definitions
// (validateScenario), and the schedules a repro file replays (replayRepro). Each either
// returns or refuses its input with one line; none throws a raw JavaScript error.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mergeReports } from "../../src/cli/merge-command.ts";
import { checkerNames } from "../../src/check/all-checkers.ts";
import { limits } from "../../src/core/limits.ts";
import { faultIntentDecls } from "../../src/faults/catalogue.ts";
import { faultKinds } from "../../src/faults/fault-kind.ts";
import { type Repro, readRepro } from "../../src/report/repro-file.ts";
import { replayRepro } from "../../src/report/replay.ts";
import { readShardReport } from "../../src/report/shard-report-file.ts";
import { runErrorOf } from "../../src/run/run-error.ts";
import { runtimeOptionSpecs } from "../../src/runtime/runtime-options.ts";
import { builtInProcessors } from "../../src/runtime/processors/built-in.ts";
import { mutants } from "../../src/runtime/mutants.ts";
import { defineScenario } from "../../src/scenario/define-scenario.ts";
import { validateScenario } from "../../src/scenario/load-scenarios.ts";
import { builtInScenario } from "../../src/scenario/mutant-scenario.ts";
import { coverageLabels } from "../../src/scenario/required-coverage.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";
import { anyValue, intentArb, mutated, nearly, number, reproText, shardFiles, shardReportArb, text, textOf, validRepro } from "./inputs.ts";
import { cleanUp, fuzzSeed, isOneLine, root, showInput, Tally, tempDir, userErrorOrValue } from "./fuzz-helpers.ts";

const dir = tempDir("files");
afterAll(() => cleanUp([dir]));

let fileCount = 0;
/** Write `text` to a fresh file of the temp folder; returns its path. */
function written(text: string): string {
  const file = join(dir, `f${fileCount++}.json`);
  writeFileSync(file, text);
  return file;
}

describe("readRepro", () => {
  it("reads a repro file or refuses it with one line, for 1000 generated files", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(reproText, (content) => {
        const file = written(content);
        const outcome = tally.add(userErrorOrValue(() => readRepro(file), content));
        if (outcome.kind === "refused") {
          expect(outcome.message.startsWith(`${file}: `), outcome.message).toBe(true);
          return;
        }
        // What a replay relies on holds of every file that reads.
        const repro = outcome.value as Repro;
        expect(Number.isInteger(repro.seed) && Number.isInteger(repro.scheduleSeed)).toBe(true);
        expect(Number.isInteger(repro.failureStep) && repro.failureStep >= 1 && repro.failureStep <= repro.stepHashes.length + 1).toBe(true);
        for (const kind of Object.keys(repro.faultMix)) expect(faultKinds).toContain(kind);
        for (const weight of Object.values(repro.faultMix)) expect(Number.isFinite(weight) && weight >= 0).toBe(true);
        if (repro.scenarioFile !== null) expect(repro.scenarioFile.replaceAll("\\", "/").split("/")[0], repro.scenarioFile).not.toBe("..");
      }),
      { seed: fuzzSeed, numRuns: 1000 },
    );
    expect(tally.values).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(300);
  });

  it("refuses a missing file and a folder with one line", () => {
    for (const path of [join(dir, "missing.json"), dir]) expect(userErrorOrValue(() => readRepro(path), path).kind).toBe("refused");
  });
});

describe("readShardReport and mergeReports", () => {
  it("read each shard report or refuse it with one line, for 600 generated reports", () => {
    const tally = new Tally();
    const reportText = fc.oneof({ weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(100, 450)).chain(([total, runs]) => shardReportArb(Math.min(total, 2), total, runs)).chain(textOf) }, { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.string() });
    fc.assert(
      fc.property(reportText, (content) => {
        const file = written(content);
        tally.add(userErrorOrValue(() => readShardReport(file), content));
      }),
      { seed: fuzzSeed, numRuns: 600 },
    );
    expect(tally.values).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(200);
  });

  it("merge the reports or refuse them with one line, for 600 generated sets of shards", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(shardFiles, (contents) => {
        const files = contents.map(written);
        const outcome = tally.add(userErrorOrValue(() => mergeReports(files), contents));
        if (outcome.kind === "value") {
          const merged = outcome.value as ReturnType<typeof mergeReports>;
          for (const s of merged.scenarios) expect(Number.isInteger(s.runs) && s.runs >= 0, showInput(s)).toBe(true);
        }
      }),
      { seed: fuzzSeed, numRuns: 600 },
    );
    // About one set in twenty merges (30 of 600 with this seed; the count moves by a few with
    // any change to the report arbitraries): enough to reach the merge's arithmetic.
    expect(tally.values).toBeGreaterThan(25);
    expect(tally.refused).toBeGreaterThan(200);
  });
});

// ---- Scenario definitions ------------------------------------------------------------------

const intLike = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -2, max: 70 }) }, { weight: 1, arbitrary: number }, { weight: 1, arbitrary: anyValue });
const rangeArb = nearly(fc.record({ min: intLike, max: intLike }, { requiredKeys: [] }));
const names = (pool: readonly string[]) => nearly(fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: text }), { maxLength: 4 }));

/** A processor object: a built-in one, one of the user's (maybe with odd event kinds), or something that is not one. */
const processorArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.values(builtInProcessors)) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        name: nearly(fc.oneof(fc.constantFrom("p", "my-processor"), text)),
        makeEvent: fc.oneof({ weight: 5, arbitrary: fc.constant((k: number, d: number) => ({ key: `k${k}`, payload: d })) }, { weight: 1, arbitrary: fc.constantFrom("makeEvent", undefined) }),
        process: fc.oneof({ weight: 5, arbitrary: fc.constant(() => ({})) }, { weight: 1, arbitrary: fc.constantFrom(null, 1) }),
        eventKinds: fc.option(nearly(fc.array(fc.oneof(fc.constantFrom("a", "b"), text), { maxLength: 3 })), { nil: undefined }),
        description: fc.option(anyValue, { nil: undefined }),
      },
      { requiredKeys: ["name", "makeEvent", "process"] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

const runtimeArb = fc.oneof(
  fc.constantFrom("reference", ...mutants.map((m) => m.name), "Reference", "dedupe-of", ""),
  text,
  fc.dictionary(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...Object.keys(runtimeOptionSpecs)) }, { weight: 1, arbitrary: text }),
    fc.oneof(fc.boolean(), fc.constantFrom(...Object.values(runtimeOptionSpecs).flatMap((spec) => (spec.kind === "choice" ? spec.values : []))), intLike),
    { maxKeys: 3 },
  ),
  anyValue,
);

const serviceArb = mutated(
  { module: "scenarios/services/ledger-service.ts", topics: { input: "in", output: "out", changelog: "log" } },
  {
    module: fc.oneof(fc.constantFrom("scenarios/services/ledger-service.ts", "./nope.ts", "", "scenarios", join(root, "package.json")), fc.constant(new URL("file:///nope.ts")), text),
    start: nearly(fc.constantFrom("start", "main")),
    topics: mutated({ input: "in", output: "out", changelog: "log" }, { input: nearly(text), output: nearly(text), changelog: nearly(text) }),
    dedupeHeader: nearly(text),
    outputIdHeader: nearly(text),
    state: fc.oneof(fc.constant(false), fc.constant(true), fc.record({ namespace: nearly(text) })),
    budgetMs: intLike,
  },
);

const scenarioFields = {
  kind: fc.constantFrom("eosim/scenario", "eosim/Scenario", undefined),
  name: fc.oneof(fc.constantFrom("fuzz-a", "a", "a-1", "A", "-a", "a_b", "a--b", ""), text),
  description: nearly(text),
  processor: processorArb,
  topology: nearly(fc.record({ partitions: intLike, instances: intLike, producers: intLike, keys: intLike }, { requiredKeys: [] })),
  workload: nearly(fc.record({ keys: intLike, events: rangeArb, mix: nearly(fc.dictionary(fc.oneof(fc.constantFrom("deposit", "withdraw", "click", "a"), text), intLike, { maxKeys: 3 })) }, { requiredKeys: [] })),
  faults: names(faultKinds),
  faultWeights: nearly(fc.dictionary(fc.oneof(fc.constantFrom(...faultKinds), text), intLike, { maxKeys: 3 })),
  schedule: nearly(fc.record({ intents: nearly(fc.array(intentArb, { maxLength: 4 })), faultMix: nearly(fc.dictionary(fc.constantFrom(...faultKinds), intLike, { maxKeys: 2 })), seed: nearly(number) }, { requiredKeys: ["intents"] })),
  timeLimitSeconds: nearly(number),
  runtime: runtimeArb,
  sessionTimeoutTicks: intLike,
  republishDistanceMax: intLike,
  checkers: names(checkerNames),
  invariants: nearly(fc.array(fc.record({ name: fc.oneof(fc.constantFrom("mine", "offsets", "x"), text), check: fc.constantFrom(() => [], "check"), description: fc.option(anyValue, { nil: undefined }) }, { requiredKeys: ["name", "check"] }), { maxLength: 3 })),
  requiredCoverage: names(coverageLabels),
  intents: rangeArb,
  compaction: nearly(fc.record({ segmentRecords: intLike, deleteRetentionTicks: intLike, earlyTombstoneRemoval: nearly(fc.boolean()) }, { requiredKeys: [] })),
  runs: intLike,
  budgetMs: intLike,
  expect: fc.constantFrom("pass", "fail", "passes", undefined),
  service: serviceArb,
  model: processorArb,
};

const baseScenario = defineScenario({ name: "fuzz-base", description: "a valid scenario", processor: builtInProcessors["bank-ledger"] }) as unknown as Record<string, unknown>;

/** A scenario export: mutated from a valid one (several fields at once), or not a scenario at all. */
const scenarioValue = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(mutated(baseScenario, scenarioFields, ["extra", "Topology"]), mutated(baseScenario, scenarioFields)).map(([a, b]) => ({ ...b, ...a })) },
  // The rules across fields (workload against topology, the processor's kinds and intents), with every field valid on its own.
  {
    weight: 3,
    arbitrary: fc
      .record({
        processor: processorArb,
        keys: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        topologyKeys: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        events: fc.option(fc.record({ min: fc.integer({ min: 0, max: 1000 }), max: fc.integer({ min: 0, max: 1000 }) }, { requiredKeys: [] }), { nil: undefined }),
        intents: fc.option(fc.record({ min: fc.integer({ min: 0, max: 2000 }), max: fc.integer({ min: 1, max: 2000 }) }, { requiredKeys: [] }), { nil: undefined }),
        mix: fc.option(fc.dictionary(fc.oneof(fc.constantFrom("deposit", "withdraw", "a", "b"), text), fc.integer({ min: 0, max: 3 }), { maxKeys: 3 }), { nil: undefined }),
      })
      .map(({ processor, keys, topologyKeys, events, intents, mix }) => ({
        ...baseScenario,
        processor,
        topology: topologyKeys === undefined ? undefined : { keys: topologyKeys },
        workload: { keys, events, mix },
        intents,
      })),
  },
  { weight: 1, arbitrary: anyValue },
);

describe("validateScenario", () => {
  it("resolves a scenario or refuses it with one line naming the file, for 5000 generated definitions", () => {
    const tally = new Tally();
    fc.assert(
      fc.property(scenarioValue, fc.constantFrom("scenarios/x.scenario.ts", null), (value, file) => {
        const outcome = tally.add(userErrorOrValue(() => validateScenario(value, file), value));
        if (outcome.kind === "refused") {
          expect(outcome.message.startsWith(`${file ?? "scenario"}: `), outcome.message).toBe(true);
          return;
        }
        // A scenario that loads stays within the limits the world asserts.
        const { world, shape, runs, budgetMs } = outcome.value as Scenario;
        expect(world.partitions >= 1 && world.partitions <= limits.partitionCountMax).toBe(true);
        expect(world.instances >= 1 && world.instances <= limits.instanceCountMax).toBe(true);
        expect(world.producers >= 1 && world.producers <= limits.producerCountMax).toBe(true);
        expect(shape.minIntents <= shape.maxIntents && shape.maxIntents <= limits.intentCountMax).toBe(true);
        expect(Number.isInteger(runs) && runs >= 1 && Number.isInteger(budgetMs) && budgetMs >= 1).toBe(true);
      }),
      { seed: fuzzSeed, numRuns: 5000 },
    );
    expect(tally.values).toBeGreaterThan(50);
    expect(tally.refused).toBeGreaterThan(300);
  });
});

// ---- Replays of generated schedules --------------------------------------------------------

const scenarioCache = new Map<string, Scenario>();
function scenarioNamed(name: string): Scenario {
  let scenario = scenarioCache.get(name);
  if (scenario === undefined) {
    scenario = builtInScenario(name);
    if (scenario === undefined) throw new Error(`no built-in scenario ${name}`);
    scenarioCache.set(name, scenario);
  }
  return scenario;
}

/** Valid intents only (the schema's ranges), as replay gets them once a repro file reads. */
const validIntentNumber = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 999_999 }) });
const validIntent = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant("produce"), producer: validIntentNumber, key: validIntentNumber, draw: fc.oneof(fc.integer({ min: 0, max: 999 }), validIntentNumber), kind: fc.option(validIntentNumber, { nil: undefined }) }, { requiredKeys: ["k", "producer", "key", "draw"] }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("retry"), producer: validIntentNumber, index: validIntentNumber }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("step"), instance: validIntentNumber, count: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("tick"), ticks: fc.oneof(fc.integer({ min: 0, max: 40 }), validIntentNumber) }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...faultIntentDecls).chain((decl) => {
      const fields: Record<string, fc.Arbitrary<unknown>> = { k: fc.constant(decl.k) };
      for (const [name, field] of Object.entries(decl.fields)) fields[name] = field.kind === "target" ? fc.constantFrom(0, 1, 2) : validIntentNumber;
      return fc.record(fields, { requiredKeys: ["k", ...Object.entries(decl.fields).filter(([, f]) => f.optional !== true).map(([name]) => name)] });
    }),
  },
);

/** The README's failure of the dedupe-off bug (a retry after an ambiguous error applies twice), to start some schedules with. */
const dedupeOffFailure = [{ k: "ambiguous-error", target: 0 }, { k: "produce", producer: 0, key: 0, draw: 145 }];

const replayCase = fc.record({
  prefix: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.constant(dedupeOffFailure) }),
  scenario: fc.constantFrom("reference-bank-ledger", "reference-inventory", "reference-click-counter", "reference-customer-table", "mutant-dedupe-off", "mutant-restore-ignores-tombstones", "mutant-no-fencing", "mutant-tombstones-compacted-early"),
  intents: fc.array(validIntent, { maxLength: 40 }),
  faultMix: fc.dictionary(fc.constantFrom(...faultKinds), fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxKeys: 5 }),
  scheduleSeed: fc.integer(),
  // Mostly none, so the verdict is the checkers' (a recorded hash that differs makes it "diverged").
  stepHashes: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.constantFrom("", "00", "ab"), { minLength: 1, maxLength: 3 }) }),
});

describe("replayRepro", () => {
  it("replays a generated schedule to a verdict, the same twice, or stops with the user's error on one line, for 400 schedules", () => {
    const verdicts = new Map<string, number>();
    fc.assert(
      fc.property(replayCase, ({ prefix, scenario: drawn, intents, faultMix, scheduleSeed, stepHashes }) => {
        const name = prefix.length > 0 ? "mutant-dedupe-off" : drawn;
        const repro = { ...validRepro, scenario: name, intents: [...prefix, ...intents], faultMix, scheduleSeed, stepHashes, failureStep: stepHashes.length + 1 } as unknown as Repro;
        let kind: string;
        try {
          const first = replayRepro(repro, scenarioNamed(name));
          const second = replayRepro(repro, scenarioNamed(name));
          // The built-in processors are deterministic: a replay can never say otherwise.
          expect(first.verdict.kind, showInput(repro)).not.toBe("non-deterministic");
          expect(second.view.history.hex(), showInput(repro)).toBe(first.view.history.hex());
          kind = first.verdict.kind;
        } catch (thrown) {
          const error = runErrorOf(thrown);
          if (error.kind === "harness") throw new Error(`a harness error replaying ${showInput(repro)}: ${thrown instanceof Error ? thrown.stack : String(thrown)}`);
          expect(isOneLine(error.message), error.message).toBe(true);
          kind = `error:${error.kind}`;
        }
        verdicts.set(kind, (verdicts.get(kind) ?? 0) + 1);
      }),
      { seed: fuzzSeed, numRuns: 400 },
    );
    // Both sides of the checkers are reached: schedules that pass, and (the mutants) that fail.
    expect(verdicts.get("passes") ?? 0).toBeGreaterThan(20);
    expect(verdicts.get("fails") ?? 0).toBeGreaterThan(5);
  });
});
