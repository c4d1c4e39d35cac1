/**
 * Flag parsing and validation for every command, on Node's built-in `util.parseArgs`
 * (strict: unknown flags are rejected). Bad values become {@link BadInputError}s naming the
 * flag and the rule.
 */
import { parseArgs } from "node:util";
import { BadInputError } from "../scenario/bad-input.ts";

type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** What {@link parseFlags} returns: each flag's value (absent when not given), the positionals. */
export interface ParsedFlags<F extends FlagSpec> {
  values: { [K in keyof F]?: F[K]["type"] extends "boolean" ? boolean : string };
  positionals: string[];
}

/** An argument that reads as a negative number: `-1`, `-0.5`, `-.5`, `-1e3`. */
const negativeNumber = /^-\.?\d/;

/**
 * `--flag -1` rewritten as `--flag=-1` for every string flag. parseArgs refuses a value that
 * starts with "-" after a space (it could be a forgotten value followed by a flag), so
 * `--seed -1` was refused while `--seed=-1` was accepted; no flag is spelt like a negative
 * number, so such an argument can only be the value. Arguments after `--` are left alone.
 */
export function joinNegativeValues(argv: readonly string[], flags: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") return [...out, ...argv.slice(i)];
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && Object.hasOwn(flags, name) && flags[name].type === "string" && next !== undefined && negativeNumber.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Parse `argv` against `flags`; throws BadInputError on unknown flags or missing values. */
export function parseFlags<F extends FlagSpec>(command: string, argv: readonly string[], flags: F): ParsedFlags<F> {
  try {
    return parseArgs({ args: joinNegativeValues(argv, flags), options: flags, allowPositionals: true, strict: true }) as ParsedFlags<F>;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split(/\n|\. /)[0];
    throw new BadInputError(`${command}: ${plainParseError(message)} (see eosim ${command} --help)`);
  }
}

/** Node's parseArgs messages, in eosim's words (lowercase, the flag first). */
function plainParseError(message: string): string {
  const missing = /^Option '(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing !== null) return `${missing[1]} needs a value`;
  const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous !== null) return `${ambiguous[1]}: write a value starting with "-" as ${ambiguous[1]}=VALUE`;
  return message.replace(/^Unknown option/, "unknown option").replace(/^Option/, "option").replace(/\.$/, "");
}

/** An integer flag value within [min, max]. */
export function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw new BadInputError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** A positive number flag value (seconds). */
export function secondsFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw new BadInputError(`--${name} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Seeds are 32-bit signed integers (fast-check's seed space; see `core/seed-range.ts`). */
export { seedMax, seedMin } from "../core/seed-range.ts";
