// Schema error messages on values from files: a value nested too deep to stringify is named
// by its kind instead of overflowing the stack.
import * as Result from "effect/Result";
import * as Schema from "effect/Schema";
import { describe, expect, it } from "vitest";
import { formatSchemaError } from "../../src/scenario/format-schema-error.ts";

function messageOf(schema: Schema.Decoder<unknown>, input: unknown): string {
  const result = Schema.decodeUnknownResult(schema)(input, { errors: "first" });
  if (Result.isSuccess(result)) throw new Error("expected a failure");
  return formatSchemaError(result.failure, input);
}

describe("formatSchemaError", () => {
  it("names a value nested deeper than the stack by its kind", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(messageOf(Schema.Struct({ name: Schema.String }), { name: deep })).toBe("name must be string, got an array");
  });

  it("shows the value when it can", () => {
    expect(messageOf(Schema.Struct({ name: Schema.String }), { name: [[1]] })).toBe("name must be string, got [[1]]");
  });
});
