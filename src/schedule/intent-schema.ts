/**
 * The Schema of an intent, for every place intents cross a boundary (repro files, fixed
 * schedules in scenario files). Fault intents are read as their fault kind's module declares
 * them, generically over the kinds of intent fields. Reading accepts any non-negative
 * integer where schedules draw a smaller range (interpretation wraps indices); a send target
 * must be 0-3.
 */
import * as Schema from "effect/Schema";
import { faultIntentDecls } from "../faults/catalogue.ts";
import type { FieldKind, IntentDecl } from "../faults/fault-intent.ts";
import type { Intent } from "./intent.ts";

const Index = Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= 0 && n < 1_000_000, { message: "must be a non-negative integer" }));

/** How each kind of intent field is read. */
const fieldSchemas = {
  instance: Index,
  producer: Index,
  partition: Index,
  distance: Index,
  aim: Index,
  int: Index,
  target: Schema.Literals([0, 1, 2, 3]),
} satisfies Record<FieldKind, Schema.Codec<number>>;

function faultIntentSchema(decl: IntentDecl) {
  const fields: Record<string, Schema.Codec<string | number> | Schema.optional<Schema.Codec<number>>> = { k: Schema.Literal(decl.k) };
  for (const [name, field] of Object.entries(decl.fields)) fields[name] = field.optional === true ? Schema.optional(fieldSchemas[field.kind]) : fieldSchemas[field.kind];
  return Schema.Struct(fields);
}

/**
 * One intent, as written in JSON or a scenario file. (Typed by hand: the fault intents'
 * structs are built from their declarations, from which `Intent` is derived too.)
 */
export const IntentSchema: Schema.Codec<Intent> = Schema.Union([
  // `kind` is optional: repro files and fixed schedules written before event kinds existed have none.
  Schema.Struct({ k: Schema.Literal("produce"), producer: Index, key: Index, draw: Index, kind: Schema.optional(Index) }),
  Schema.Struct({ k: Schema.Literal("retry"), producer: Index, index: Index }),
  Schema.Struct({ k: Schema.Literal("step"), instance: Index, count: Index }),
  Schema.Struct({ k: Schema.Literal("tick"), ticks: Index }),
  // A crash's `point` is optional: repro files written before aimed crashes existed have none.
  ...faultIntentDecls.map(faultIntentSchema),
]) as Schema.Codec<unknown> as Schema.Codec<Intent>;
