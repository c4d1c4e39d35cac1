/**
 * One-line messages for Schema validation failures: `<path> <rule>, got <value>`, with the
 * path written the way the user wrote the field (`topology.partitions`, `faults[2]`).
 */
import type * as Schema from "effect/Schema";
import * as SchemaIssue from "effect/SchemaIssue";

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** A key that reads unambiguously after a dot (kebab-case fault kinds included). */
const plainKey = /^[A-Za-z_$][\w$-]*$/;

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && !plainKey.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
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

/**
 * The value a rule was broken by, shortened. JSON.stringify recurses, so a value nested
 * deeper than the stack allows (user data: a file read from disk) is named by its kind.
 */
function showValue(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (value === undefined) return "nothing";
  // JSON would show these as null (a JSON file can hold 1e999, read as Infinity).
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? "an array" : typeof value === "object" && value !== null ? "an object" : String(value);
  }
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
  // A rule worded as a whole statement about the field ("is not a known fault kind") needs no value.
  if (rule.startsWith("is ")) return `${where} ${rule}`;
  return `${where === "" ? "value" : where} ${rule}, got ${showValue(valueAt(input, path))}`;
}
