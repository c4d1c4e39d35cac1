/**
 * The fault kinds eosim can inject, derived from the registry (`registry.ts`). A scenario
 * enables a subset; each generated schedule (swarm testing) then draws a weight per enabled
 * kind, 0 meaning "off in this run", so some runs are storms of one fault and others are calm.
 */
import { faultModules } from "./registry.ts";

/** A fault kind name. */
export type FaultKind = keyof typeof faultModules;

/** Every fault kind, in registry order (the order schedules draw them in). */
export const faultKinds = Object.keys(faultModules) as readonly FaultKind[];

/** One line per kind, for listings and reports. */
export const faultDescriptions = Object.fromEntries(faultKinds.map((kind) => [kind, faultModules[kind].description])) as Record<FaultKind, string>;

/** Per-run weights of the enabled fault kinds (0 = off in this run). */
export type FaultMix = Readonly<Record<FaultKind, number>>;

/** Kinds that only a service with an external database can meet: not in the default set of a world without one. */
export const databaseFaultKinds: readonly FaultKind[] = ["delayed-reply"];

/** The fault kinds a scenario enables when it names none: all of them, less those its world cannot meet. */
export function defaultFaultKinds(hasDatabase: boolean): readonly FaultKind[] {
  return hasDatabase ? faultKinds : faultKinds.filter((kind) => !databaseFaultKinds.includes(kind));
}
