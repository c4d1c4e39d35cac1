/**
 * Validation of scenario definitions with an Effect Schema, at load time: a scenario file is
 * input from outside (it may be plain JavaScript, or built at run time), so every field is
 * checked and a bad one is named with its rule, e.g.
 * `scenarios/foo.scenario.ts: topology.partitions must be an integer from 1 to 64, got 0`.
 */
import * as Schema from "effect/Schema";
import { limits } from "../core/limits.ts";
import { seedMax, seedMin } from "../core/seed-range.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import { checkerNames } from "../check/all-checkers.ts";
import type { Processor } from "../runtime/processor.ts";
import { runtimeOptionSpecs } from "../runtime/runtime-options.ts";
import { IntentSchema } from "../schedule/intent-schema.ts";
import { intIn, oneOf, optionSchema, optionStruct } from "./option-schema.ts";
import { coverageLabels } from "./required-coverage.ts";
import { ServiceSchema } from "./service-scenario.ts";
import { scenarioNamePattern, scenarioNameRule } from "./scenario-name.ts";
import { compactionOptionSpecs, scenarioOptionSpecs as top, topologyOptionSpecs, workloadOptionSpecs } from "./scenario-options.ts";
import { workloadIssue } from "./scenario-workload.ts";

/** A top-level option of the table, optional. */
const option = <K extends keyof typeof top>(name: K) => Schema.optional(optionSchema(top[name], name));

const intents = Schema.Array(IntentSchema).check(
  Schema.makeFilter((list: readonly unknown[]) => list.length <= limits.intentCountMax, { message: `must hold at most ${limits.intentCountMax} intents` }),
);

const isNameList = (u: unknown): boolean => Array.isArray(u) && u.every((name) => typeof name === "string");

const isProcessor = (u: unknown): u is Processor =>
  typeof u === "object" && u !== null &&
  typeof (u as Processor).name === "string" &&
  typeof (u as Processor).process === "function" &&
  typeof (u as Processor).makeEvent === "function" &&
  ((u as Processor).eventKinds === undefined || isNameList((u as Processor).eventKinds));

/** A scenario's own invariant: a name of the scenario-name rule, an optional description, a check function. */
const InvariantSchema = Schema.Struct({
  name: Schema.String.check(Schema.makeFilter((s: string) => scenarioNamePattern.test(s), { message: scenarioNameRule })),
  description: Schema.optional(Schema.String),
  check: Schema.declare((u: unknown): u is (...args: never[]) => unknown => typeof u === "function", { expected: "a function (run) => anomalies" }),
});

/** Invariant names clash with neither each other nor the built-in checkers. */
function invariantNamesIssue(list: readonly { readonly name: string }[]): { path: readonly PropertyKey[]; issue: string } | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const { name } = list[i];
    if (checkerNames.includes(name)) return { path: [i, "name"], issue: `must differ from the built-in checkers' names (${checkerNames.join(", ")})` };
    if (seen.has(name)) return { path: [i, "name"], issue: "must be unique among the scenario's invariants" };
    seen.add(name);
  }
  return undefined;
}

/** The schema every loaded scenario must satisfy. */
export const ScenarioSchema = Schema.Struct({
  kind: Schema.Literal("eosim/scenario"),
  name: Schema.String.check(Schema.makeFilter((s: string) => scenarioNamePattern.test(s), { message: scenarioNameRule })),
  description: Schema.String,
  service: Schema.optional(ServiceSchema),
  processor: Schema.declare(isProcessor, { expected: "a processor (an object with name, makeEvent and process, and eventKinds a list of names if given)" }),
  topology: Schema.optional(optionStruct(topologyOptionSpecs, "topology.")),
  workload: Schema.optional(optionStruct(workloadOptionSpecs, "workload.")),
  faults: Schema.optional(Schema.Array(oneOf(faultKinds))),
  faultWeights: option("faultWeights"),
  schedule: Schema.optional(Schema.Struct({
    intents,
    faultMix: option("faultWeights"),
    seed: Schema.optional(intIn(seedMin, seedMax)),
  })),
  timeLimitSeconds: Schema.optional(Schema.Number.check(Schema.makeFilter((n: number) => n > 0, { message: "must be a positive number of seconds" }))),
  runtime: Schema.optional(Schema.Union([Schema.String, optionStruct(runtimeOptionSpecs, "runtime.")])),
  sessionTimeoutTicks: option("sessionTimeoutTicks"),
  republishDistanceMax: option("republishDistanceMax"),
  checkers: Schema.optional(Schema.Array(oneOf(checkerNames))),
  invariants: Schema.optional(Schema.Array(InvariantSchema).check(Schema.makeFilter(invariantNamesIssue))),
  requiredCoverage: Schema.optional(Schema.Array(oneOf(coverageLabels))),
  intents: option("intents"),
  compaction: Schema.optional(optionStruct(compactionOptionSpecs, "compaction.")),
  runs: option("runs"),
  budgetMs: option("budgetMs"),
  store: option("store"),
  expect: option("expect"),
  // Rules across fields (workload against topology, the processor and intents) run once every field is valid.
}).check(Schema.makeFilter(workloadIssue));
