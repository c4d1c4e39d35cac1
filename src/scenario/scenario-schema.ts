/**
 * Validation of scenario definitions with an Effect Schema, at load time: a scenario file is
 * input from outside (it may be plain JavaScript, or built at run time), so every field is
 * checked and a bad one is named with its rule, e.g.
 * `scenarios/foo.scenario.ts: topology.partitions must be an integer from 1 to 64, got 0`.
 */
import { Schema } from "effect";
import { faultKinds } from "../faults/fault-kind.ts";
import { checkerNames } from "../check/all-checkers.ts";
import type { Processor } from "../runtime/processor.ts";
import { coverageLabels } from "./required-coverage.ts";
import { IntentSchema } from "../schedule/intent-schema.ts";
import { scenarioNamePattern, scenarioNameRule } from "./scenario-name.ts";
import { workloadIssue } from "./scenario-workload.ts";

const intIn = (min: number, max: number) =>
  Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= min && n <= max, { message: `must be an integer from ${min} to ${max}` }));

const isNameList = (u: unknown): boolean => Array.isArray(u) && u.every((name) => typeof name === "string");

const isProcessor = (u: unknown): u is Processor =>
  typeof u === "object" && u !== null &&
  typeof (u as Processor).name === "string" &&
  typeof (u as Processor).process === "function" &&
  typeof (u as Processor).makeEvent === "function" &&
  ((u as Processor).eventKinds === undefined || isNameList((u as Processor).eventKinds));

const oneOf = (values: readonly string[]) =>
  Schema.String.check(Schema.makeFilter((s: string) => values.includes(s), { message: `must be one of ${values.join(", ")}` }));

/** The schema every loaded scenario must satisfy. */
export const ScenarioSchema = Schema.Struct({
  kind: Schema.Literal("eosim/scenario"),
  name: Schema.String.check(Schema.makeFilter((s: string) => scenarioNamePattern.test(s), { message: scenarioNameRule })),
  description: Schema.String,
  processor: Schema.declare(isProcessor, { expected: "a processor (an object with name, makeEvent and process, and eventKinds a list of names if given)" }),
  topology: Schema.optional(Schema.Struct({
    partitions: Schema.optional(intIn(1, 64)),
    instances: Schema.optional(intIn(1, 16)),
    producers: Schema.optional(intIn(1, 16)),
    keys: Schema.optional(intIn(1, 1000)),
  })),
  workload: Schema.optional(Schema.Struct({
    keys: Schema.optional(intIn(1, 1000)),
    events: Schema.optional(Schema.Struct({ min: Schema.optional(intIn(0, 1000)), max: Schema.optional(intIn(0, 1000)) })),
    mix: Schema.optional(Schema.Record(Schema.String, intIn(0, 100))),
  })),
  faults: Schema.optional(Schema.Array(oneOf(faultKinds))),
  faultWeights: Schema.optional(Schema.Record(oneOf(faultKinds), intIn(0, 10))),
  schedule: Schema.optional(Schema.Struct({
    intents: Schema.Array(IntentSchema),
    faultMix: Schema.optional(Schema.Record(oneOf(faultKinds), intIn(0, 10))),
    seed: Schema.optional(intIn(-2147483648, 2147483647)),
  })),
  timeLimitSeconds: Schema.optional(Schema.Number.check(Schema.makeFilter((n: number) => n > 0, { message: "must be a positive number of seconds" }))),
  runtime: Schema.optional(Schema.Union([Schema.String, Schema.Struct({
    dedupe: Schema.optional(Schema.Boolean),
    dedupeStorage: Schema.optional(Schema.Literals(["store", "memory"])),
    dedupeInChangelog: Schema.optional(Schema.Boolean),
    dedupeWindowOffsets: Schema.optional(Schema.NullOr(intIn(1, 1_000_000))),
    commit: Schema.optional(Schema.Literals(["atomic", "offset-first", "state-then-dedupe"])),
    resumeFrom: Schema.optional(Schema.Literals(["store", "group"])),
    resendPendingBatch: Schema.optional(Schema.Boolean),
    changelogBatching: Schema.optional(Schema.Literals(["atomic", "per-record"])),
    changelogPipelining: Schema.optional(Schema.Boolean),
    outputs: Schema.optional(Schema.Literals(["outbox", "before-commit-random-ids", "after-commit-no-outbox"])),
    restoreTombstones: Schema.optional(Schema.Boolean),
    checkCheckpoint: Schema.optional(Schema.Boolean),
    fencing: Schema.optional(Schema.Boolean),
    restoreDeadline: Schema.optional(Schema.Boolean),
    commitGroupOffsets: Schema.optional(Schema.Boolean),
    rebalance: Schema.optional(Schema.Literals(["eager", "cooperative"])),
    assignment: Schema.optional(Schema.Literals(["range", "round-robin"])),
  })])),
  sessionTimeoutTicks: Schema.optional(intIn(1, 1_000_000)),
  republishDistanceMax: Schema.optional(intIn(0, 10_000)),
  checkers: Schema.optional(Schema.Array(oneOf(checkerNames))),
  requiredCoverage: Schema.optional(Schema.Array(oneOf(coverageLabels))),
  intents: Schema.optional(Schema.Struct({ min: Schema.optional(intIn(0, 2000)), max: Schema.optional(intIn(1, 2000)) })),
  compaction: Schema.optional(Schema.Struct({
    segmentRecords: Schema.optional(intIn(1, 1_000_000)),
    deleteRetentionTicks: Schema.optional(intIn(0, 1_000_000_000)),
    earlyTombstoneRemoval: Schema.optional(Schema.Boolean),
  })),
  runs: Schema.optional(intIn(1, 10_000_000)),
  expect: Schema.optional(Schema.Literals(["pass", "fail"])),
  // Rules across fields (workload against topology and the processor) run once every field is valid.
}).check(Schema.makeFilter(workloadIssue));
