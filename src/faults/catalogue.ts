/**
 * What the rest of eosim reads of the fault modules, derived once from the registry: the
 * fault intents (by name, with their codes), how to apply and describe one, the settings a
 * run's fault mix implies, and the heal phase's sequence. Checked when loaded: intent names
 * and codes are unique, and every kind that heals has a place in the heal order.
 */
import { invariant } from "../core/invariant.ts";
import { type FaultKind, faultKinds } from "./fault-kind.ts";
import type { IntentDecl, IntentsOf } from "./fault-intent.ts";
import { defaultFaultSettings, type FaultModule, type FaultSettings } from "./fault-module.ts";
import type { FaultWorld } from "./fault-world.ts";
import { faultModules, healOrder } from "./registry.ts";

/** Every intent a fault kind adds, as a union of intent objects. */
export type FaultIntent = IntentsOf<(typeof faultModules)[FaultKind]["intents"][number]>;

/** The module of fault kind `kind`. */
export function faultModule(kind: FaultKind): FaultModule {
  return faultModules[kind];
}

/** Every fault intent declaration, in registry order. */
export const faultIntentDecls: readonly IntentDecl[] = faultKinds.flatMap((kind): readonly IntentDecl[] => faultModule(kind).intents);

const declByName = new Map<string, IntentDecl>();
for (const decl of faultIntentDecls) {
  invariant(!declByName.has(decl.k), `two fault intents are named ${decl.k}`);
  invariant(faultIntentDecls.filter((d) => d.code === decl.code).length === 1, `two fault intents have code ${decl.code}`);
  declByName.set(decl.k, decl);
}

/** The declaration of fault intent `k`. */
export function faultIntentDecl(k: string): IntentDecl {
  const decl = declByName.get(k);
  invariant(decl !== undefined, `no fault intent named ${k}`);
  return decl;
}

/** Apply a fault intent to the world; false when it did not apply (a no-op). */
export function applyFaultIntent(world: FaultWorld, intent: FaultIntent): boolean {
  return faultIntentDecl(intent.k).apply(world, intent);
}

/** A fault intent as one readable line. */
export function describeFaultIntent(intent: FaultIntent): string {
  return faultIntentDecl(intent.k).describe(intent);
}

/** The settings of a run with fault mix `mix` (kinds absent from it weigh 0). */
export function faultSettings(mix: Readonly<Record<string, number>>): FaultSettings {
  let settings = defaultFaultSettings;
  for (const kind of faultKinds) {
    const module = faultModule(kind);
    const weight = mix[kind] ?? 0;
    if (module.settings !== undefined && weight > 0) settings = { ...settings, ...module.settings(weight) };
  }
  return settings;
}

const healers: readonly FaultKind[] = healOrder;
for (const kind of faultKinds) {
  const listed = healers.filter((k) => k === kind).length;
  invariant(listed === (faultModule(kind).heal === undefined ? 0 : 1), `fault kind ${kind} must appear in the heal order once if it heals, never otherwise`);
}

/** Heal every fault kind's lasting effects, in the registry's heal order. */
export function healFaults(world: FaultWorld): void {
  for (const kind of healers) faultModule(kind).heal!(world);
}
