/**
 * Reading a shard report back (`eosim run --shard i/n --json > shard-i.json`) for `eosim
 * merge`: JSON of bounded nesting, decoded with a Schema field by field, so a report that is
 * corrupt, hand-edited or of another tool is refused with one line naming the file and the
 * field (`shard-2.json: scenarios[0].coverage must be object, got null`) instead of crashing
 * the merge or merging garbage. Besides types, it checks what the merge's arithmetic relies
 * on: counts are non-negative integers, and a shard's chunks are its own (index mod n = i - 1)
 * and in index order, so no chunk counts twice.
 */
import { readFileSync } from "node:fs";
import * as Result from "effect/Result";
import * as Schema from "effect/Schema";
import { seedMax, seedMin } from "../core/seed-range.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { formatSchemaError } from "../scenario/format-schema-error.ts";
import { intIn } from "../scenario/option-schema.ts";
import { shardCountMax } from "../run/schedule-chunks.ts";
import { checkJsonDepth } from "./json-depth.ts";
import { emptyCoverageScope } from "./coverage-scope.ts";
import type { ShardDetail, ShardSummary } from "./shard-report.ts";

const integerFrom = (min: number, rule: string) => Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= min, { message: rule }));
const Count = integerFrom(0, "must be a non-negative integer");
const Positive = integerFrom(1, "must be a positive integer");
const Rate = Schema.Number.check(Schema.makeFilter((n: number) => Number.isFinite(n) && n >= 0, { message: "must be a finite non-negative number" }));
const Counts = Schema.Record(Schema.String, Count);

const AnomalySchema = Schema.Struct({
  kind: Schema.String,
  partition: Schema.optional(Schema.Number),
  offset: Schema.optional(Schema.Number),
  key: Schema.optional(Schema.String),
  step: Schema.optional(Schema.Number),
  dedupeId: Schema.optional(Schema.String),
  detail: Schema.String,
});

const CheckerSummarySchema = Schema.Struct({ checker: Schema.String, valid: Schema.Literals([true, false, "unknown"]), anomalies: Schema.Array(AnomalySchema) });

const ShardChunkSchema = Schema.Struct({ index: Count, runs: Count, failedAt: Schema.NullOr(Count), coverage: Counts });

/** The first rule of a shard detail broken across its fields: the shard within the count, its chunks its own and in order. */
function shardDetailIssue(detail: Pick<ShardDetail, "index" | "count" | "chunks">) {
  if (detail.index > detail.count) return { path: ["index"], issue: `must be at most count (${detail.count})` };
  for (let j = 0; j < detail.chunks.length; j++) {
    const { index } = detail.chunks[j];
    if (index % detail.count !== detail.index - 1) return { path: ["chunks", j, "index"], issue: `must be a chunk of shard ${detail.index}/${detail.count} (index mod ${detail.count} = ${detail.index - 1})` };
    if (j > 0 && index <= detail.chunks[j - 1].index) return { path: ["chunks", j, "index"], issue: `must be above the chunk before it (${detail.chunks[j - 1].index})` };
  }
  return undefined;
}

const CoverageScopeSchema = Schema.Struct({
  faultKinds: Schema.Array(Schema.String),
  crashPoints: Schema.Array(Schema.String),
  crashPointsIfReached: Schema.Array(Schema.String),
  warns: Schema.Boolean,
  judgedReader: Schema.optional(Schema.Struct({ reader: Schema.String, namespace: Schema.String })),
});

const ShardDetailSchema = Schema.Struct({
  index: Positive,
  count: integerFrom(1, `must be a positive integer`).check(Schema.makeFilter((n: number) => n <= shardCountMax, { message: `must be at most ${shardCountMax}` })),
  plannedRuns: Count,
  chunkSize: Positive,
  requiredCoverage: Schema.Array(Schema.String),
  // Reports of earlier versions have none: their merge reports no shares and no warnings.
  coverageScope: Schema.optional(CoverageScopeSchema),
  chunks: Schema.Array(ShardChunkSchema),
}).check(Schema.makeFilter(shardDetailIssue));

const SummarySchema = Schema.Struct({
  name: Schema.String,
  expect: Schema.Literals(["pass", "fail"]),
  ok: Schema.Boolean,
  runs: Count,
  failures: Count,
  seed: intIn(seedMin, seedMax),
  repro: Schema.NullOr(Schema.String),
  schedulesPerSecond: Rate,
  failure: Schema.NullOr(Schema.Literals(["safety", "liveness", "unknown"])),
  anomalies: Schema.Array(Schema.String),
  shrunkIntents: Schema.NullOr(Count),
  // Reports of earlier versions have no failure detail.
  checkers: Schema.optional(Schema.Array(CheckerSummarySchema)),
  steps: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  replay: Schema.optional(Schema.NullOr(Schema.String)),
  html: Schema.optional(Schema.NullOr(Schema.String)),
  error: Schema.NullOr(Schema.String),
  coverage: Counts,
  coverageMissing: Schema.Array(Schema.String),
  // Optional here so that a report of an unsharded run gets its own message (see readShardReport).
  shard: Schema.optional(ShardDetailSchema),
});

/** The fields of `eosim run --json` a merge reads; others are ignored. */
export const ShardReportSchema = Schema.Struct({ seed: intIn(seedMin, seedMax), interrupted: Schema.optional(Schema.Boolean), scenarios: Schema.Array(SummarySchema) });

/** A shard report as `eosim run --shard i/n --json` writes it: every scenario with its shard detail, all of one shard. */
export interface ShardReport {
  readonly file: string;
  readonly seed: number;
  readonly scenarios: readonly ShardSummary[];
}

function parse(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new BadInputError(`${file}: cannot read a JSON report (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
  checkJsonDepth(text, file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`${file}: cannot read a JSON report (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
}

/** Read and check the shard report `file`; throws {@link BadInputError} naming the file and what is wrong. */
export function readShardReport(file: string): ShardReport {
  const json = parse(file);
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new BadInputError(`${file}: not an eosim run --json report`);
  const result = Schema.decodeUnknownResult(ShardReportSchema)(json, { errors: "first" });
  if (Result.isFailure(result)) throw new BadInputError(`${file}: ${formatSchemaError(result.failure, json)}`);
  // A shard stopped by a signal did not run its slice: merged, it would pass schedules never run.
  if (result.success.interrupted === true) throw new BadInputError(`${file}: the shard's run was interrupted before its end (run the shard again)`);
  const raw = result.success.scenarios;
  if (raw.length === 0) throw new BadInputError(`${file}: the report holds no scenario (nothing to merge)`);
  const unsharded = raw.find((s) => s.shard === undefined);
  if (unsharded !== undefined) throw new BadInputError(`${file}: scenario "${unsharded.name}" has no shard detail (run it with --shard i/n --json)`);
  const scenarios = raw.map((s) => ({
    ...s,
    shard: { ...s.shard!, coverageScope: s.shard!.coverageScope ?? emptyCoverageScope },
    checkers: s.checkers ?? [],
    steps: s.steps ?? null,
    replay: s.replay ?? null,
    html: s.html ?? null,
  }));
  const { index, count } = scenarios[0].shard;
  const other = scenarios.find((s) => s.shard.index !== index || s.shard.count !== count);
  if (other !== undefined) throw new BadInputError(`${file}: scenario "${other.name}" is from shard ${other.shard.index}/${other.shard.count}, "${scenarios[0].name}" from shard ${index}/${count} (not one shard's report)`);
  return { file, seed: result.success.seed, scenarios };
}
