/**
 * The harness an engineer would write by hand today for the bank ledger: a fast-check
 * model-based test (`fc.commands` + `fc.modelRun`) over eosim's simulated broker, group,
 * stores and instances (`World`), with faults as commands (`ledger-commands.ts`). After the
 * commands, every instance is healed and the deployment drained (eosim's own heal and drain),
 * and each account's balance in its partition's live store must equal the model's.
 *
 * The benchmark runs it on the planted bugs it can express, next to eosim, and measures it
 * the same way: schedules and seconds until the first failing run (no shrinking), then the
 * failure regenerated from fast-check's path and shrunk, its length in commands and the
 * seconds shrinking took.
 */
import fc from "fast-check";
import { drain, heal } from "../src/sim/phases.ts";
import type { WorldConfig } from "../src/sim/world-config.ts";
import { World } from "../src/sim/world.ts";
import { type LedgerModel, ledgerCommand } from "./ledger-commands.ts";

/** Commands per generated test case (eosim's default schedules hold 10 to 80 intents). */
export const maxCommands = 80;

/** Whether the deployment ends with the model's balances, after healing and draining. */
function endsWithModelBalances(world: World, model: LedgerModel): boolean {
  heal(world);
  if (!drain(world).converged) return false;
  const accounts = new Set(model.balances.keys());
  for (let p = 0; p < world.config.partitions; p++) {
    const owner = world.group.ownerOf(p);
    const store = owner < 0 ? undefined : world.instances[owner].taskFor(p)?.store;
    if (store === undefined) return false;
    for (const [key] of store.scan()) accounts.add(key);
  }
  for (const account of accounts) {
    const p = world.partitionOf(account);
    const store = world.instances[world.group.ownerOf(p)].taskFor(p)!.store!;
    if (store.get(account) !== model.balances.get(account)) return false;
  }
  return true;
}

/** The hand-written property over the deployment `config` (the bank ledger on some runtime). */
export function handWrittenProperty(config: WorldConfig) {
  const shape = { instances: config.instances, producers: config.producers, partitions: config.partitions, keys: config.keys };
  return fc.property(fc.boolean(), fc.commands([ledgerCommand(shape)], { maxCommands }), (idempotentProducer, commands) => {
    const world = new World(config, { seed: 0, idempotentProducer, cleanerChancePerFetch: 0 });
    const model: LedgerModel = { balances: new Map(), produced: 0 };
    fc.modelRun(() => ({ model, real: { world } }), commands);
    return endsWithModelBalances(world, model);
  });
}

/** What one hand-written run found. */
export interface HandWrittenResult {
  readonly found: boolean;
  /** Test cases until the first failing one (or all the run tried). */
  readonly schedulesToFailure: number;
  readonly secondsToFailure: number;
  /** Commands in the shrunk failing test case. */
  readonly shrunkLength: number | null;
  readonly shrinkSeconds: number | null;
}

/** Run the hand-written harness from `seed` until its first failure, within `runsMax` and `secondsMax`; shrink what it finds. */
export function runHandWritten(config: WorldConfig, seed: number, runsMax: number, secondsMax: number): HandWrittenResult {
  const property = handWrittenProperty(config);
  const started = performance.now();
  const search = fc.check(property, { seed, numRuns: runsMax, endOnFailure: true, interruptAfterTimeLimit: secondsMax * 1000 });
  const secondsToFailure = (performance.now() - started) / 1000;
  if (!search.failed || search.counterexamplePath === null) {
    return { found: false, schedulesToFailure: search.numRuns, secondsToFailure, shrunkLength: null, shrinkSeconds: null };
  }
  const shrinkStarted = performance.now();
  const shrunk = fc.check(property, { seed, path: search.counterexamplePath, interruptAfterTimeLimit: 60_000 });
  const shrinkSeconds = (performance.now() - shrinkStarted) / 1000;
  const commands = shrunk.counterexample === null ? null : [...shrunk.counterexample[1]].length;
  return { found: true, schedulesToFailure: search.numRuns, secondsToFailure, shrunkLength: commands, shrinkSeconds };
}
