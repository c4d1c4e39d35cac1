/**
 * The `service` part of a scenario: its schema, and how it resolves to the world's
 * {@link ServiceConfig} (the module path made absolute, defaults filled in), plus the
 * checkers that apply to a user's service by default.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as Schema from "effect/Schema";
import type { Checker } from "../check/verdict.ts";
import type { ServiceConfig } from "../service/service-config.ts";
import { BadInputError } from "./bad-input.ts";
import type { ServiceDefinition } from "./define-scenario.ts";
import { intIn } from "./option-schema.ts";

const topicName = Schema.String.check(Schema.makeFilter((s: string) => /^[A-Za-z0-9._-]{1,249}$/.test(s), { message: "must be a topic name (letters, digits, '.', '_', '-')" }));
const headerName = Schema.String.check(Schema.makeFilter((s: string) => s.length > 0, { message: "must be a non-empty header name" }));

/** The schema of a scenario's `service`. */
export const ServiceSchema = Schema.Struct({
  module: Schema.Union([Schema.String, Schema.declare((u: unknown): u is URL => u instanceof URL, { expected: "a file URL" })]),
  start: Schema.optional(Schema.String),
  topics: Schema.Struct({ input: topicName, output: topicName, changelog: Schema.optional(topicName) }),
  dedupeHeader: Schema.optional(headerName),
  outputIdHeader: Schema.optional(headerName),
  database: Schema.optional(Schema.Boolean),
  monotonicReads: Schema.optional(Schema.Struct({ reader: Schema.String, namespace: Schema.String, version: Schema.optional(Schema.String) })),
  state: Schema.optional(Schema.Union([Schema.Literal(false), Schema.Struct({ namespace: Schema.String, in: Schema.optional(Schema.Literals(["store", "database"])) })])),
  budgetMs: Schema.optional(intIn(1, 600_000)),
});

/** Checkers that judge a user's service by default: those whose evidence the boundaries record. */
export const serviceCheckerNames = ["exactly-once-state", "effectively-once-outputs", "queue-anomalies", "restoration", "offsets", "liveness", "monotonic-reads"] as const;

/** Checkers that read evidence only the reference runtime records. */
const runtimeOnly = new Set(["atomicity", "bounds"]);

/** The checkers a service scenario runs: its selection (or the defaults), minus those that cannot apply. */
export function serviceCheckers(all: readonly Checker[], selected: readonly string[] | undefined, definition: ServiceDefinition, where: string): Checker[] {
  const names = selected ?? serviceCheckerNames.filter((name) => (name !== "exactly-once-state" || definition.state !== false) && (name !== "restoration" || definition.topics.changelog !== undefined) && (name !== "monotonic-reads" || definition.monotonicReads !== undefined));
  for (const name of names) {
    if (name === "restoration" && definition.topics.changelog === undefined) throw new BadInputError(`${where}: checkers: "restoration" needs service.topics.changelog (the changelog the store's namespaces are logged to)`);
    if (runtimeOnly.has(name)) throw new BadInputError(`${where}: checkers: "${name}" judges what only the reference runtime records; for a service use ${serviceCheckerNames.join(", ")}`);
    if (name === "monotonic-reads" && definition.monotonicReads === undefined) throw new BadInputError(`${where}: checkers: "monotonic-reads" needs service.monotonicReads (the reader to judge and the namespace it reads)`);
    if (name === "exactly-once-state" && definition.state === false) throw new BadInputError(`${where}: checkers: "exactly-once-state" needs the state: set service.state to the store namespace that holds it`);
  }
  return all.filter((checker) => names.includes(checker.name));
}

/** Resolve a validated service definition; `file` is the scenario file (for a relative module path). */
export function resolveService(definition: ServiceDefinition, file: string | null): ServiceConfig {
  const where = file ?? "scenario";
  const given = definition.module;
  const module = given instanceof URL ? fileURLToPath(given) : resolve(file === null ? process.cwd() : dirname(file), given);
  if (!existsSync(module) || !statSync(module).isFile()) throw new BadInputError(`${where}: service.module: no such file ${module}`);
  const database = definition.database === true;
  const state = definition.state;
  if (state !== false && state?.in === "database" && !database) throw new BadInputError(`${where}: service.state: in "database" needs service.database: true (the service must use the external database)`);
  return {
    module,
    start: definition.start,
    topics: { input: definition.topics.input, output: definition.topics.output, changelog: definition.topics.changelog, dedupeHeader: definition.dedupeHeader ?? "dedupe-id" },
    outputIdHeader: definition.outputIdHeader ?? "output-id",
    state: state === false ? null : { namespace: state?.namespace ?? "state", in: state?.in ?? "store" },
    database,
    monotonicReads: definition.monotonicReads === undefined ? null : { reader: definition.monotonicReads.reader, namespace: definition.monotonicReads.namespace, version: definition.monotonicReads.version ?? "version" },
    stepBudgetMs: definition.budgetMs ?? 10_000,
  };
}
