/**
 * Repro files: everything needed to re-run one failing schedule on later code. JSON with a
 * format version, validated with a Schema when loaded, so a corrupt or hand-edited file is
 * rejected with a one-line message instead of a crash. The scenario file is named relative to
 * the project root, so a replay finds it from any folder of the project.
 */
import { readFileSync } from "node:fs";
import { thrownMessage } from "../core/one-line.ts";
import * as Result from "effect/Result";
import * as Schema from "effect/Schema";
import { anomalyKindsOf } from "../check/all-checkers.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { seedMax, seedMin } from "../core/seed-range.ts";
import { intIn } from "../scenario/option-schema.ts";
import { formatSchemaError } from "../scenario/format-schema-error.ts";
import { findProjectRoot, relativeToRoot } from "../scenario/project-root.ts";
import type { ScheduleFailure } from "../run/scenario-result.ts";
import type { Scenario } from "../scenario/scenario.ts";
import type { Intent, Schedule } from "../schedule/intent.ts";
import type { RunError } from "../run/run-error.ts";
import { FaultMixSchema } from "../schedule/fault-mix-schema.ts";
import { IntentSchema } from "../schedule/intent-schema.ts";
import { failureStepOf } from "./failure-step.ts";
import { checkJsonDepth } from "./json-depth.ts";
import { checkScenarioFilePath } from "./repro-scenario-file.ts";
import { writeFileAtomic } from "./write-file-atomic.ts";

/** Current repro format. */
export const reproFormat = "eosim-repro/1";

const Seed = intIn(seedMin, seedMax);

/**
 * A 1-based step. Never 0: a replay reports "diverged" only for a difference before the
 * failure step, so a 0 would turn every divergence into a (false) "passes".
 */
const Step = Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= 1, { message: "must be a positive integer (a 1-based step)" }));

/** The failure step lies within the recorded run: at most one past its last step (`failure-step.ts`). */
function failureStepIssue(repro: { readonly failureStep: number; readonly stepHashes: readonly string[] }) {
  const end = repro.stepHashes.length + 1;
  return repro.failureStep <= end ? undefined : { path: ["failureStep"], issue: `must be at most ${end} (one past the ${repro.stepHashes.length} recorded step(s))` };
}

/** The repro file schema. */
export const ReproSchema = Schema.Struct({
  format: Schema.Literal(reproFormat),
  scenario: Schema.String,
  /**
   * The scenario's file, relative to the project root (the nearest folder upwards with
   * `package.json` and `scenarios/`; files written before this rule name it relative to the
   * folder the run started in, which was usually the root), or null for a built-in scenario.
   * It must lie inside the project (no absolute path, no `..` out of it): a replay imports it.
   */
  scenarioFile: Schema.NullOr(Schema.String),
  seed: Seed,
  path: Schema.String,
  scheduleSeed: Seed,
  /** Weights of known fault kinds only (see `schedule/fault-mix-schema.ts`). */
  faultMix: FaultMixSchema,
  intents: Schema.Array(IntentSchema),
  historyHash: Schema.String,
  stepHashes: Schema.Array(Schema.String),
  /**
   * The failure's class ("safety", "liveness"), or, for a schedule that stopped the run with an
   * error, the error's kind ("processor", "service", "nondeterminism", "harness").
   */
  failure: Schema.String,
  /** Step (1-based) at which the recorded run first polled the first divergent input. */
  failureStep: Step,
  anomalies: Schema.Array(Schema.String),
  /** The error's one-line message, for a schedule that stopped the run with one (no history is recorded then). */
  error: Schema.optional(Schema.String),
  /**
   * Whether the failure failed again when its schedule was re-run before it was reported
   * (always true for a failure: one that does not is reported as non-determinism, false).
   * Absent in files written before eosim re-ran failures.
   */
  reproduced: Schema.optional(Schema.Boolean),
}).check(Schema.makeFilter(failureStepIssue));

/** A decoded repro file. */
export type Repro = typeof ReproSchema.Type;

/** A scenario file's path as a repro file records it: relative to the project root when there is one. */
export function reproScenarioFile(file: string | null, root: string | null = findProjectRoot()): string | null {
  if (file === null || root === null) return file;
  return relativeToRoot(file, root);
}

/** Build the repro of a scenario's failure. */
export function reproOf(scenario: Scenario, seed: number, failure: ScheduleFailure): Repro {
  return {
    format: reproFormat,
    scenario: scenario.name,
    scenarioFile: reproScenarioFile(scenario.file),
    seed,
    path: failure.path,
    scheduleSeed: failure.schedule.seed,
    faultMix: failure.schedule.faultMix,
    intents: failure.schedule.intents,
    historyHash: failure.historyHash,
    stepHashes: failure.stepHashes,
    failure: failure.verdict.failure ?? "none",
    failureStep: failureStepOf(failure.view, failure.verdict),
    anomalies: anomalyKindsOf(failure.verdict),
    reproduced: true,
  };
}

/**
 * Build the repro of a schedule that stopped a run with an error (a processor that threw or
 * never returned, a service that left the simulation, a schedule that differed from itself):
 * the schedule and the error, no history (the run did not finish).
 */
export function reproOfError(scenario: Scenario, seed: number, error: RunError & { readonly schedule: Schedule; readonly run: number }): Repro {
  return {
    format: reproFormat,
    scenario: scenario.name,
    scenarioFile: reproScenarioFile(scenario.file),
    seed,
    path: String(error.run),
    scheduleSeed: error.schedule.seed,
    faultMix: error.schedule.faultMix,
    intents: error.schedule.intents,
    historyHash: "",
    stepHashes: [],
    failure: error.kind,
    failureStep: 1,
    anomalies: [],
    error: error.message,
    reproduced: error.kind !== "nondeterminism",
  };
}

/** The folder `eosim run` writes repro files to. */
export function reproDirOf(reportsDir: string): string {
  return `${reportsDir}/repro`;
}

/** Where `eosim run` writes a scenario's repro. */
export function reproPathFor(reportsDir: string, scenario: string, seed: number): string {
  return `${reproDirOf(reportsDir)}/${scenario}-seed${seed}.json`;
}

/** Write `repro` to `path` (creating folders), whole or not at all (`write-file-atomic.ts`). */
export function writeRepro(path: string, repro: Repro): void {
  writeFileAtomic(path, `${JSON.stringify(repro, null, 1)}\n`);
}

/** Read and validate a repro file; throws {@link BadInputError} naming what is wrong. */
export function readRepro(path: string): Repro & { readonly intents: readonly Intent[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new BadInputError(`${path}: cannot read the repro file`);
  }
  checkJsonDepth(text, path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`${path}: not valid JSON (${thrownMessage(error)})`);
  }
  const result = Schema.decodeUnknownResult(ReproSchema)(json, { errors: "first" });
  if (Result.isFailure(result)) throw new BadInputError(`${path}: ${formatSchemaError(result.failure, json)}`);
  if (result.success.scenarioFile !== null) checkScenarioFilePath(result.success.scenarioFile, path);
  return result.success as Repro & { readonly intents: readonly Intent[] };
}
