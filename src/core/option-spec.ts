/**
 * Option tables: each option of a group declared once, as plain data (the kind of value, its
 * bounds, its default), so the layer that owns the options declares them where they belong
 * and every other view is derived: the TypeScript type ({@link OptionValues}), the defaults
 * ({@link defaultsOf}), the validation schema (built at the loading edge from the same specs)
 * and the bounds quoted in docs and templates ({@link boundText}). The TSDoc of an option is
 * the comment on its table entry; a test checks that the bounds and defaults it states agree.
 * No Effect here: the runtime declares its options without loading the validation library.
 */

/** An on/off option. */
export interface FlagSpec {
  readonly kind: "flag";
  readonly default: boolean;
}

/** An option that takes one of a few names. */
export interface ChoiceSpec<V extends string = string> {
  readonly kind: "choice";
  readonly values: readonly V[];
  readonly default: V;
}

/** An integer from `min` to `max`; `nullable` also admits null. No default: not set. */
export interface IntSpec<N extends boolean = boolean> {
  readonly kind: "int";
  readonly min: number;
  readonly max: number;
  readonly nullable: N;
  readonly default: number | (N extends true ? null : never) | undefined;
}

/**
 * `{ min, max }`, each an integer within its own bounds. A missing `max` is the larger of
 * `min` and its default, so setting only `min` never conflicts; `min` above `max` is invalid.
 */
export interface RangeSpec {
  readonly kind: "range";
  readonly min: IntSpec<false> & { readonly default: number };
  readonly max: IntSpec<false> & { readonly default: number };
}

/** Integer weights from `min` to `max` by name; `keys` lists the allowed names (null: any). */
export interface WeightsSpec<K extends string = string> {
  readonly kind: "weights";
  readonly keys: readonly K[] | null;
  readonly min: number;
  readonly max: number;
}

/** Any option spec. */
export type OptionSpec = FlagSpec | ChoiceSpec | IntSpec | RangeSpec | WeightsSpec;

/** A table of options: name -> spec. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The value an option takes as written. */
export type OptionValue<S extends OptionSpec> =
  S extends FlagSpec ? boolean
  : S extends ChoiceSpec<infer V> ? V
  : S extends IntSpec<infer N> ? (N extends true ? number | null : number)
  : S extends RangeSpec ? { readonly min?: number; readonly max?: number }
  : S extends WeightsSpec<infer K> ? (string extends K ? Readonly<Record<string, number>> : Partial<Record<K, number>>)
  : never;

/** Every option of a table, all set (as defaults fill them in). Keeps each entry's TSDoc. */
export type OptionValues<T extends OptionTable> = { readonly [K in keyof T]: OptionValue<T[K]> };

/** Every option of a table, each optional (as a user writes them). Keeps each entry's TSDoc. */
export type OptionInput<T extends OptionTable> = { readonly [K in keyof T]?: OptionValue<T[K]> };

/** An on/off option defaulting to `value`. */
export const flag = (value: boolean): FlagSpec => ({ kind: "flag", default: value });

/** One of `values`, defaulting to `value`. */
export const choice = <V extends string>(values: readonly V[], value: NoInfer<V>): ChoiceSpec<V> => ({ kind: "choice", values, default: value });

/** An integer from `min` to `max`, defaulting to `value` (undefined: not set unless given). */
export function int(min: number, max: number, value: number): IntSpec<false> & { readonly default: number };
export function int(min: number, max: number, value?: number): IntSpec<false>;
export function int(min: number, max: number, value?: number): IntSpec<false> {
  return { kind: "int", min, max, nullable: false, default: value };
}

/** An integer from `min` to `max`, or null; defaulting to `value`. */
export const intOrNull = (min: number, max: number, value: number | null): IntSpec<true> => ({ kind: "int", min, max, nullable: true, default: value });

/** A `{ min, max }` range. */
export const range = (min: RangeSpec["min"], max: RangeSpec["max"]): RangeSpec => ({ kind: "range", min, max });

/** Weights from `min` to `max`, by the names in `keys` (null: any name). */
export const weights = <K extends string>(keys: readonly K[] | null, min: number, max: number): WeightsSpec<K> => ({ kind: "weights", keys, min, max });

/** A table's defaults, in table order; options without one are left out. */
export function defaultsOf<T extends OptionTable>(table: T): { readonly [K in keyof T]: T[K] extends { readonly default: infer D } ? Exclude<D, undefined> : never } {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    if ("default" in spec && spec.default !== undefined) out[name] = spec.default;
  }
  return out as never;
}

/** A range as written, with its defaults filled in; `max` is at least `min` (validation rejects a given one below). */
export function resolveRange(spec: RangeSpec, given: { readonly min?: number; readonly max?: number } | undefined): { readonly min: number; readonly max: number } {
  const min = given?.min ?? spec.min.default;
  return { min, max: Math.max(min, given?.max ?? spec.max.default) };
}

/** A number as docs write it: digits, grouped by thousands from 10,000 up. */
const numberText = (n: number): string => (Math.abs(n) < 10_000 ? String(n) : n.toLocaleString("en-US"));

/** The bounds of a numeric option as docs quote them: `1-64`, `0-1000`, `1-1,000,000`. */
export function boundText(spec: { readonly min: number; readonly max: number }): string {
  return `${numberText(spec.min)}-${numberText(spec.max)}`;
}
