/**
 * Declaring a fault's intents: the name a schedule and a repro file carry (`k`), the numeric
 * code histories record, and the fields, each with its role (what the number names) and,
 * for plain integers, the range schedules draw from. From a declaration, `schedule/` builds
 * the fast-check arbitrary and the Schema that reads intents back from repro files, and the
 * `Intent` type is derived; the declaration itself says how the intent reads and applies.
 *
 * Reading is more lenient than drawing on purpose: a repro file may hold any non-negative
 * integer in an index or int field (interpretation wraps indices around the topology), only
 * a request target must be 0-3. Optional fields are drawn all or none: an intent with optional
 * fields is drawn half the time without them (a crash where the instance is) and half the
 * time with them (a crash aimed at a crash point).
 */
import type { FaultWorld } from "./fault-world.ts";

/** What a number in an intent names. Decides how schedules draw it and how it is read back. */
export type FieldKind = "instance" | "producer" | "partition" | "target" | "distance" | "aim" | "int";

/** One declared intent field. */
export type Field =
  | { readonly kind: Exclude<FieldKind, "int">; readonly optional?: true }
  | { readonly kind: "int"; readonly min: number; readonly max: number; readonly optional?: true };

/** A field a draw pins to one value (e.g. a retry of the oldest pending send, index 0). */
export interface FixedField {
  readonly kind: "fixed";
  readonly value: number;
}

/** The fields of an intent, in the order its objects carry them. */
export type Fields = { readonly [name: string]: Field };

/** Field builders. */
export const field = {
  /** An instance index (wraps around the instances). */
  instance: { kind: "instance" },
  /** A producer index (wraps around the producers). */
  producer: { kind: "producer" },
  /** A partition index (wraps around the partitions). */
  partition: { kind: "partition" },
  /**
   * A request target 0-3: 0 the input producers, 1 the changelog, 2 the outputs, 3 the
   * external database (drawn only when the service uses one).
   */
  target: { kind: "target" },
  /** A distance in events, drawn up to the scenario's `republishDistanceMax`. */
  distance: { kind: "distance" },
  /**
   * An aimed crash's aim, drawn from 1 to the runtime's aims: the reference runtime's 8
   * points inside a cycle, a service's every point but idle (which it aims among the points
   * it has stood at, `service/life.ts`).
   */
  aim: { kind: "aim" },
  /** An integer drawn in [min, max]. */
  int: (min: number, max: number) => ({ kind: "int", min, max }) as const,
  /** The same field, absent from some intents (see the module header). */
  optional: <F extends Field>(f: F) => ({ ...f, optional: true }) as const,
  /** In a draw: always `value`. */
  fixed: (value: number): FixedField => ({ kind: "fixed", value }),
} as const;

/** Any intent, as code that does not know its kind sees it. */
export interface LooseIntent {
  readonly k: string;
  readonly [field: string]: string | number | undefined;
}

type FieldValue<F> = F extends { readonly kind: "target" } ? 0 | 1 | 2 | 3 : number;
type Flat<T> = { readonly [P in keyof T]: T[P] };

/** The intent object a declaration describes: `{ k, ...fields }`, optional fields optional. */
export type IntentOf<K extends string, F extends Fields> = string extends K
  ? LooseIntent
  : Flat<
      { readonly k: K } & { readonly [N in keyof F as F[N] extends { readonly optional: true } ? never : N]: FieldValue<F[N]> } & {
        readonly [N in keyof F as F[N] extends { readonly optional: true } ? N : never]?: FieldValue<F[N]>;
      }
    >;

/** One intent a fault kind adds to schedules. */
export interface IntentDecl<K extends string = string, F extends Fields = Fields> {
  /** Its name in schedules and repro files (stored by users: never rename). */
  readonly k: K;
  /** Its code in histories (hashed: never renumber; unique across every intent). */
  readonly code: number;
  readonly fields: F;
  /** One short readable line, e.g. `crash instance 1`. */
  describe(intent: IntentOf<K, F>): string;
  /** Apply it to the world; false when it cannot apply now (a recorded no-op). */
  apply(world: FaultWorld, intent: IntentOf<K, F>): boolean;
}

/** What a fault kind puts into a schedule's mix: an intent (its own or another's, e.g. a retry) and how its fields are drawn. */
export interface IntentDraw {
  readonly k: string;
  readonly fields: { readonly [name: string]: Field | FixedField };
}

/** Declare an intent (keeps its name and fields as literal types, from which `Intent` is derived). */
export function defineIntent<const K extends string, const F extends Fields>(decl: IntentDecl<K, F>): IntentDecl<K, F> {
  return decl;
}

/** The intents a list of declarations describes. */
export type IntentsOf<D> = D extends { readonly k: infer K extends string; readonly fields: infer F extends Fields } ? IntentOf<K, F> : never;
