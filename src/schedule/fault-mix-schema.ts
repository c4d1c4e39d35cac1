/**
 * The Schema of a schedule's fault mix where it crosses a boundary (repro files): a weight
 * per fault kind. Every key must be a kind of the registry: the simulation ignores a kind it
 * does not know, so a misspelt or removed kind would silently switch its fault off and a
 * replay could pass for the wrong reason. Weights are finite and non-negative (0 = off).
 */
import * as Schema from "effect/Schema";
import { faultKinds } from "../faults/fault-kind.ts";

const Weight = Schema.Number.check(Schema.makeFilter((n: number) => Number.isFinite(n) && n >= 0, { message: "must be a finite non-negative number" }));

const known: ReadonlySet<string> = new Set(faultKinds);

/** The issue of the first key of `mix` that is not a fault kind, or undefined. */
function unknownKindIssue(mix: Readonly<Record<string, number>>) {
  const kind = Object.keys(mix).find((key) => !known.has(key));
  return kind === undefined ? undefined : { path: [kind], issue: `is not a known fault kind (known: ${faultKinds.join(", ")})` };
}

/** A fault mix as written in JSON: known fault kinds to finite non-negative weights. */
export const FaultMixSchema = Schema.Record(Schema.String, Weight).check(Schema.makeFilter(unknownKindIssue));
