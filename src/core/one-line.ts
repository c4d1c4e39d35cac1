/**
 * Text from user code made fit for a one-line message. Users' code can throw anything (a
 * string with newlines, an Error whose `message` is a number or a throwing getter, a Proxy,
 * an object without a string form, a value nested too deep for JSON) and name things with
 * any characters; a message must still be one line, and reading the thrown value must never
 * throw inside eosim (which would turn a user's mistake into "a bug in eosim").
 */

/** Line breaks and other control characters, shown escaped so a message stays on one line. */
const control = /[\u0000-\u001f\u007f\u2028\u2029]/;
const controls = new RegExp(control.source, "g");

function escaped(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** `text` on one line: line breaks and control characters escaped (`\n`), nothing dropped. */
export function oneLine(text: string): string {
  return control.test(text) ? text.replace(controls, escaped) : text;
}

/** `read()`, or `fallback` when reading throws (a getter, a Proxy trap). */
export function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** `value` as text that never throws: String(value), or a description when it has no string form. */
export function stringForm(value: unknown): string {
  return safely(() => String(value), `a value without a string form (${typeof value})`);
}

/** `value` as JSON cut to `max` characters, or undefined when it has none (cyclic, too deep, a Proxy that throws). */
export function shortJson(value: unknown, max = 80): string | undefined {
  const json = safely<string | undefined>(() => JSON.stringify(value), undefined);
  if (typeof json !== "string") return undefined;
  return json.length > max ? `${json.slice(0, max - 3)}...` : json;
}

/** `value instanceof Error`, false when asking throws (a Proxy's getPrototypeOf trap). */
export function isError(value: unknown): value is Error {
  return safely(() => value instanceof Error, false);
}

/**
 * The message of what was thrown, as one line: an Error's `message` when it is a string (its
 * first line; the rest is usually a stack or a code frame), anything else described.
 */
export function thrownMessage(thrown: unknown): string {
  if (isError(thrown)) {
    const error = thrown;
    const message = safely<unknown>(() => error.message, undefined);
    if (typeof message !== "string") return `an Error whose message is ${message === undefined ? "unreadable" : `not a string (${typeof message})`}`;
    const first = message.split("\n").find((line) => line.trim() !== "") ?? "";
    return first === "" ? `an Error with an empty message (${oneLine(safely(() => String(error.name), "Error"))})` : oneLine(first);
  }
  if (typeof thrown === "string") return oneLine(thrown);
  const json = shortJson(thrown);
  const kind = thrown === null ? "null" : `${/^[aeiou]/.test(typeof thrown) ? "an" : "a"} ${typeof thrown}`;
  return `threw ${kind}, not an Error: ${oneLine(json ?? stringForm(thrown))}`;
}

/** `error.stack` when it is a string, else undefined (a user's error may carry anything there). */
export function stackOf(error: unknown): string | undefined {
  if (!isError(error)) return undefined;
  const stack = safely<unknown>(() => error.stack, undefined);
  return typeof stack === "string" ? stack : undefined;
}
