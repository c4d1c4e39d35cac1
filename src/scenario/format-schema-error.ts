/**
 * One-line messages for Schema validation failures: `<path> <rule>, got <value>`, with the
 * path written the way the user wrote the field (`topology.partitions`, `faults[2]`).
 */
import type * as Schema from "effect/Schema";
import * as SchemaIssue from "effect/SchemaIssue";

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    out += typeof segment === "number" ? `[${segment}]` : out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function showValue(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Format the first issue of a Schema failure against the `input` that was decoded. */
export function formatSchemaError(error: Schema.SchemaError, input: unknown): string {
  const [first] = formatter(error.issue).issues;
  if (first === undefined) return error.message;
  const path = (first.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? p.key : p)) as PropertyKey[];
  const where = pathText(path);
  const message = first.message.replace(/ \| undefined$/, "");
  const rule = message.startsWith("Expected ") ? `must be ${message.slice(9)}` : message;
  if (rule.includes("excess property")) return `${where} is not a known field`;
  if (rule.startsWith("Missing key")) return `${where} is required`;
  return `${where === "" ? "value" : where} ${rule}, got ${showValue(valueAt(input, path))}`;
}
