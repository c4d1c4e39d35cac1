/**
 * The Schema of an intent, for every place intents cross a boundary (repro files, fixed
 * schedules in scenario files).
 */
import { Schema } from "effect";

const Index = Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= 0 && n < 1_000_000, { message: "must be a non-negative integer" }));

/** One intent, as written in JSON or a scenario file. */
export const IntentSchema = Schema.Union([
  // `kind` is optional: repro files and fixed schedules written before event kinds existed have none.
  Schema.Struct({ k: Schema.Literal("produce"), producer: Index, key: Index, draw: Index, kind: Schema.optional(Index) }),
  Schema.Struct({ k: Schema.Literal("retry"), producer: Index, index: Index }),
  Schema.Struct({ k: Schema.Literal("step"), instance: Index, count: Index }),
  Schema.Struct({ k: Schema.Literal("tick"), ticks: Index }),
  Schema.Struct({ k: Schema.Literals(["lost-ack", "lost-request", "ambiguous-error"]), target: Schema.Literals([0, 1, 2]) }),
  // `point` is optional: repro files written before aimed crashes existed have none.
  Schema.Struct({ k: Schema.Literal("crash"), instance: Index, point: Schema.optional(Index) }),
  Schema.Struct({ k: Schema.Literals(["restart", "wipe", "join", "leave", "pause", "resume"]), instance: Index }),
  Schema.Struct({ k: Schema.Literals(["compact", "truncate"]), partition: Index }),
  Schema.Struct({ k: Schema.Literal("republish"), producer: Index, distance: Index }),
]);
