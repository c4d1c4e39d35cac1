/**
 * Plain values: what may cross the simulated wire and disk (DESIGN.md section 3).
 *
 * The broker and the store keep values by reference. A state value that is a Map, a Date or a
 * class instance would then round-trip through a restore as the very same object and compare
 * equal to anything of its kind, hiding exactly the bugs a restore is meant to expose; and a
 * value restored by reference is shared with the writer, who can still mutate it. So every
 * value is checked once, at the boundary, to be plain data, and is deep-frozen in place:
 * afterwards nobody, the writer included, can change what the store or the broker holds, and a
 * restore may hand the stored reference back as it is.
 *
 * Plain data: `null`, booleans, finite numbers, strings, dense arrays (prototype
 * `Array.prototype`) of plain data, and objects whose prototype is `Object.prototype` or `null`
 * whose enumerable own string-keyed properties hold plain data. Symbol keys and
 * non-enumerable properties are not looked at (nothing that hashes or compares values sees
 * them) and a getter is read once, like a value, when the value is checked: see
 * `recordRefusal` for why. Shared
 * sub-objects (a DAG) are fine, since once frozen nobody can tell two references from one;
 * cycles are not (they cannot be encoded, hashed or compared). Proxies are refused: their traps
 * run user code on every read, and a leaked draft (immer, Vue) is one. `-0` is a finite number
 * and is kept as it is, not normalised to `0`: freezing does not touch numbers, and
 * `state-hash.ts` hashes through `JSON.stringify`, which already writes both as `0`.
 *
 * A writer that mutates a value after writing it gets a TypeError in strict code (every ES
 * module) and a silently ignored assignment in sloppy code; either way the stored value stays.
 *
 * Why validate and freeze rather than encode: measured with `npx tsx bench/plain-value-cost.ts`
 * on this project's two shared cores (ns per value, fastest of 7 rounds, the cost of building
 * the value subtracted; the ratios matter more than the absolute figures). "validate+freeze"
 * is {@link toPlainValue} on a fresh value, and reads then cost nothing. The encodings must
 * validate as well (JSON turns a Map into `{}` and a Date into a string without a word,
 * structuredClone keeps Maps and Dates), and they pay a decode on every read, because a
 * decoded value handed out twice would be shared and mutable; so they are charged one write
 * and one read:
 *
 * | value                                  | validate+freeze | validate only | freeze only | validate+JSON | validate+structuredClone | JSON, no checks |
 * | -------------------------------------- | --------------: | ------------: | ----------: | ------------: | -----------------------: | --------------: |
 * | `120`, `"ok"`, `null`                  |           5-10  |         5-10  |        2-7  |      250-440  |                840-1,430 |        240-430  |
 * | `{ balance: 120 }`                     |       460-550   |      390-410  |    130-140  |  1,720-1,770  |              5,350-5,990 |    1,070-1,110  |
 * | `{ items: { a: 2 }, version: 7 }`      |       740-750   |      560-620  |    270-290  |  2,200-2,600  |              5,250-6,580 |    1,390-1,890  |
 * | `[{ id, qty } x3]`                     |   1,630-1,660   |  1,250-1,280  |    510-520  |  4,100-5,020  |             9,790-10,140 |    2,330-2,480  |
 * | `{ orderId, lines: [1], total, paid }` |   1,310-1,320   |  1,000-1,030  |    410-430  |  3,930-4,050  |              8,690-9,300 |    2,640-2,670  |
 *
 * (Two runs.) Validate+freeze costs about a third of validate+JSON and half to two thirds of
 * JSON with no checks at all, and primitives (numbers, strings, `null` for a delete) cost
 * next to nothing. Freezing is the cheap part; most of the cost is the checks, and most of
 * theirs goes to looking for symbol keys and accessors (about two thirds for
 * `{ items: { a: 2 }, version: 7 }`, measured on a variant without them), which JSON cannot
 * see and any approach that refuses non-plain values has to pay.
 *
 * Simplifications on purpose: arrays get cheaper checks than objects (see `arrayRefusal`:
 * their symbol keys and their accessor or non-enumerable properties, which only
 * `Object.defineProperty` or a symbol assignment can make, are not looked for); objects from
 * another realm (a `vm` context) are refused, as nothing in eosim creates them; nesting is
 * limited to {@link plainValueDepthMax} levels, so a runaway structure is refused instead of
 * overflowing the stack.
 */
import { types } from "node:util";
import { invariant } from "./invariant.ts";

/** Deepest nesting of arrays and objects a plain value may have; deeper is refused. */
export const plainValueDepthMax = 100;

/** Thrown by {@link toPlainValue} for a value that is not plain data: a contract error of the caller. */
export class PlainValueError extends Error {
  override readonly name = "PlainValueError";
  /** What is wrong and where, e.g. `at .items[2].when: a Date` (see {@link plainValueProblem}). */
  readonly problem: string;

  constructor(problem: string) {
    super(`value is not plain data: ${problem}`);
    this.problem = problem;
  }
}

/**
 * Null when `value` is plain data (see the module header), otherwise a short description of
 * the first offending part, in key order, with its path: `a Map` at the top, `at .f: a
 * function`, `at .items[2].when: a Date`, `at .a.b: a cycle`. Never throws, never mutates
 * `value`, never runs a getter.
 */
export function plainValueProblem(value: unknown): string | null {
  return describe(refusalOf(value, [], false));
}

/**
 * Deep-freezes `value`, which the caller knows to be plain (checked with
 * {@link plainValueProblem}), and returns it. Already-frozen sub-objects are still descended:
 * a user may have frozen only the top of a structure, and no cheap mark tells a deep-frozen
 * plain value apart (adding an object to a WeakSet costs more than ten times the freeze it would save).
 */
export function freezePlain<T>(value: T): T {
  if (typeof value === "object" && value !== null) freezeDeep(value, 0);
  return value;
}

/**
 * The one call of the store/broker boundary: returns `value` itself, deep-frozen, when it is
 * plain data, and throws a {@link PlainValueError} naming the offending part otherwise.
 * Primitives (numbers, strings, booleans, `null` for a delete) take a path with no
 * allocation. Checking and freezing happen in one walk, each object frozen once its contents
 * passed (one walk instead of two saves about a fifth), so after a refusal some plain parts of
 * the value may be frozen, never the offending part nor an object that contains it.
 */
export function toPlainValue<T>(value: T): T {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (Number.isFinite(value)) return value;
      break;
    case "object":
      if (value === null) return value;
      break;
  }
  const problem = describe(refusalOf(value, [], true));
  if (problem !== null) throw new PlainValueError(problem);
  return value;
}

/** A refusal on its way up: each level prepends its own path segment. */
interface Refusal {
  path: string;
  readonly what: string;
}

function refuse(what: string): Refusal {
  return { path: "", what };
}

function within(refusal: Refusal, segment: string): Refusal {
  refusal.path = segment + refusal.path;
  return refusal;
}

function describe(refusal: Refusal | null): string | null {
  if (refusal === null) return null;
  return refusal.path === "" ? refusal.what : `at ${refusal.path}: ${refusal.what}`;
}

// `ancestors` holds the objects on the path from the top to `value`: one seen again among them
// is a cycle, one seen again elsewhere is a shared sub-object, which is fine. `freeze` freezes
// each object whose contents passed.
function refusalOf(value: unknown, ancestors: object[], freeze: boolean): Refusal | null {
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      if (Number.isFinite(value)) return null;
      return refuse(Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    case "object":
      return value === null ? null : objectRefusal(value, ancestors, freeze);
    case "undefined":
      return refuse("undefined");
    case "bigint":
      return refuse("a BigInt");
    case "symbol":
      return refuse("a symbol");
    case "function":
      return refuse("a function");
  }
}

function objectRefusal(value: object, ancestors: object[], freeze: boolean): Refusal | null {
  // Proxy first: every other check below would run its traps.
  if (types.isProxy(value)) return refuse("a Proxy");
  if (ancestors.includes(value)) return refuse("a cycle");
  if (ancestors.length === plainValueDepthMax) return refuse(`nesting deeper than ${plainValueDepthMax} levels`);
  ancestors.push(value);
  const refusal = Array.isArray(value) ? arrayRefusal(value, ancestors, freeze) : recordRefusal(value, ancestors, freeze);
  ancestors.pop();
  if (refusal === null && freeze) Object.freeze(value);
  return refusal;
}

// Arrays get cheaper checks than records, on purpose: holes and enumerable named properties
// (`list.total = 3`, which JSON drops) are refused, but symbol keys and accessor or
// non-enumerable properties of an array, which only `Object.defineProperty` or a symbol
// assignment can make, are not looked for. Looking costs a descriptor per element and two
// more key lists per array: a variant that looked took nearly twice as long to check
// `[{ id, qty } x3]` (about 3,200 ns against 1,700 on the bench's machine).
function arrayRefusal(array: unknown[], ancestors: object[], freeze: boolean): Refusal | null {
  if (Object.getPrototypeOf(array) !== Array.prototype) return refuse(kindOf(Object.getPrototypeOf(array)));
  const length = array.length;
  for (let i = 0; i < length; i++) {
    if (!Object.hasOwn(array, i)) return within(refuse("a hole in a sparse array"), `[${i}]`);
    const refusal = refusalOf(array[i], ancestors, freeze);
    if (refusal !== null) return within(refusal, `[${i}]`);
  }
  // Every index is own (above), so one more enumerable key is a named property.
  const keys = Object.keys(array);
  if (keys.length === length) return null;
  return within(refuse("a named property of an array"), keySegment(keys[length] ?? ""));
}

// Records are read the way JSON and the state hash read them: their enumerable own string
// keys, in order. Symbol keys and non-enumerable properties are not looked for (nothing that
// compares or hashes values can see them), and a getter is read like a value, once, here:
// looking for them costs a key list of every kind and a descriptor per property, which made
// this check two to three times slower on the small records a processor writes (measured with
// bench/plain-value-cost.ts), and this runs on every value of every input.
function recordRefusal(record: object, ancestors: object[], freeze: boolean): Refusal | null {
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto !== Object.prototype && proto !== null) return refuse(kindOf(proto));
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const refusal = refusalOf((record as Record<string, unknown>)[keys[i]], ancestors, freeze);
    if (refusal !== null) return within(refusal, keySegment(keys[i]));
  }
  return null;
}

function keySegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

// Only on the refusal path, so it may be slow; it reads the prototype's own `constructor`
// through its descriptor so that no user getter runs.
function kindOf(proto: unknown): string {
  const descriptor = typeof proto === "object" && proto !== null ? Object.getOwnPropertyDescriptor(proto, "constructor") : undefined;
  const constructor: unknown = descriptor?.value;
  if (typeof constructor !== "function" || constructor.name === "") return "an object with a non-plain prototype";
  const name = constructor.name;
  const global = (globalThis as Record<string, unknown>)[name];
  if (global === constructor) return `${/^[AEIO]/.test(name) ? "an" : "a"} ${name}`;
  if (typeof global === "function") return `${/^[AEIO]/.test(name) ? "an" : "a"} ${name} from another realm`;
  return `an instance of class ${name}`;
}

// Post-order is not needed: a plain value has no accessors, so reading a property of a frozen
// object is the same as reading it before. The depth bound turns a caller that skipped the
// check on a cyclic value into a harness error instead of a stack overflow.
function freezeDeep(value: object, depth: number): void {
  invariant(depth < plainValueDepthMax, "freezePlain: value nested too deep or cyclic; check it with plainValueProblem first");
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null) freezeDeep(item, depth + 1);
    }
    return;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const item: unknown = (value as Record<string, unknown>)[keys[i]];
    if (typeof item === "object" && item !== null) freezeDeep(item, depth + 1);
  }
}
