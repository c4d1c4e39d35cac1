/**
 * Effect Schemas built from option tables (`core/option-spec.ts`), so validation checks
 * exactly the values, bounds and cross-field rule a table declares, with the one-line rules
 * `format-schema-error.ts` prints: `topology.partitions must be an integer from 1 to 64`.
 */
import * as Schema from "effect/Schema";
import type { OptionInput, OptionSpec, OptionTable, OptionValue, RangeSpec } from "../core/option-spec.ts";

/** An integer from `min` to `max`. */
export const intIn = (min: number, max: number) =>
  Schema.Number.check(Schema.makeFilter((n: number) => Number.isInteger(n) && n >= min && n <= max, { message: `must be an integer from ${min} to ${max}` }));

/** One of `values`, named in the rule. */
export const oneOf = (values: readonly string[]) =>
  Schema.String.check(Schema.makeFilter((s: string) => values.includes(s), { message: `must be one of ${values.join(", ")}` }));

/**
 * `{ min, max }` with `min` at most `max`, where a missing `min` is its default (a missing
 * `max` follows `min`, so it never conflicts). The rule is worded after fast-check's.
 */
function rangeSchema(spec: RangeSpec, field: string) {
  return Schema.Struct({ min: Schema.optional(intIn(spec.min.min, spec.min.max)), max: Schema.optional(intIn(spec.max.min, spec.max.max)) }).check(
    Schema.makeFilter((given: { readonly min?: number; readonly max?: number }) => {
      const min = given.min ?? spec.min.default;
      if (given.max === undefined || given.max >= min) return undefined;
      const shown = given.min === undefined ? `${min}, its default` : `${min}`;
      return { path: ["max"], issue: `must be equal or greater than ${field}.min (${shown})` };
    }),
  );
}

/** The schema of one option; `field` is its path as the user writes it, for messages. */
export function optionSchema<S extends OptionSpec>(spec: S, field: string): Schema.Decoder<OptionValue<S>> {
  return untypedSchema(spec, field) as Schema.Decoder<OptionValue<S>>;
}

function untypedSchema(spec: OptionSpec, field: string): Schema.Decoder<unknown> {
  switch (spec.kind) {
    case "flag":
      return Schema.Boolean;
    case "choice":
      return Schema.Literals(spec.values);
    case "int":
      return spec.nullable ? Schema.NullOr(intIn(spec.min, spec.max)) : intIn(spec.min, spec.max);
    case "range":
      return rangeSchema(spec, field);
    case "weights":
      return Schema.Record(spec.keys === null ? Schema.String : oneOf(spec.keys), intIn(spec.min, spec.max));
  }
}

/** A struct of a table's options, every one optional. `prefix` is the group's path (`"topology."`), for messages. */
export function optionStruct<T extends OptionTable>(table: T, prefix = ""): Schema.Decoder<OptionInput<T>> {
  const fields = Object.fromEntries(Object.entries(table).map(([name, spec]) => [name, Schema.optional(untypedSchema(spec, `${prefix}${name}`))]));
  return Schema.Struct(fields) as unknown as Schema.Decoder<OptionInput<T>>;
}
