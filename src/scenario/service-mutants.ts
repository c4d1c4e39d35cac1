/**
 * The planted service bugs: each is the ledger service (`scenarios/services/ledger-service.ts`)
 * with one realistic mistake a developer might make in a kafkajs service, kept as a copy of
 * the service in `scenarios/services/mutants/<module>` with a header saying what is wrong and
 * why a happy-path test passes anyway. `eosim mutants` runs them beside the runtime's planted
 * bugs (`runtime/mutants.ts`): the harness must catch every one, and the correct ledger service
 * must stay clean. `faults` optionally focuses the fault mix on what exposes the bug, the way a
 * regression scenario would.
 */
import type { FaultKind } from "../faults/fault-kind.ts";
import { bankLedger } from "../runtime/processors/bank-ledger.ts";
import { defineScenario } from "./define-scenario.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";

/** One planted service bug. */
export interface ServiceMutant {
  /** Unique among service and runtime mutants (its scenario is `mutant-<name>`). */
  readonly name: string;
  readonly hazard: string;
  /** The variant's file under `scenarios/services/mutants/`. */
  readonly module: string;
  /** Fault kinds to inject (default: all). */
  readonly faults?: readonly FaultKind[];
}

/** Every planted service bug. */
export const serviceMutants: readonly ServiceMutant[] = [
  { name: "auto-commit-no-outbox", hazard: "eachMessage with auto-commit sends the output from memory after the store commit: a crash between them loses it (the redelivered input is a duplicate by then)", module: "auto-commit-no-outbox.ts" },
  { name: "split-transaction", hazard: "the balance, and the input's dedupe ID and offset, are committed in two store transactions: a crash between them applies the input twice", module: "split-transaction.ts" },
  { name: "parallel-resolve", hazard: "accounts are processed in parallel and the highest finished offset is resolved and auto-committed: a crash skips an earlier input still in flight", module: "parallel-resolve.ts", faults: ["crash"] },
  { name: "dedupe-in-memory-set", hazard: "dedupe IDs are kept in a module-level Set: after a crash or a partition move, a duplicate is applied again", module: "dedupe-in-memory-set.ts" },
  { name: "no-heartbeat", hazard: "a per-batch fraud check without heartbeats outlasts the session timeout on a backlog: member after member is evicted and the backlog is never processed (a rebalance storm)", module: "no-heartbeat.ts", faults: ["crash"] },
  { name: "commit-before-store", hazard: "the group offset is committed before the store transaction and reading resumes from it: a crash between them loses the input", module: "commit-before-store.ts" },
  { name: "no-seek-on-assignment", hazard: "reading resumes from the group's offset, not the store's, and a store found on the disk is reused unrestored: a restarted instance applies inputs to stale balances", module: "no-seek-on-assignment.ts", faults: ["crash"] },
  { name: "no-restore", hazard: "the store is never restored from the changelog: a new owner with nothing on its disk starts from the group's offset with an empty store, and nothing fences the previous owner", module: "no-restore.ts" },
  { name: "dedupe-unpartitioned", hazard: "dedupe IDs are in one namespace for all partitions, neither logged nor restored: after a partition move a duplicate is applied again", module: "dedupe-unpartitioned.ts" },
  { name: "offset-dedupe-id", hazard: "inputs are deduplicated by topic-partition-offset, not the producer's dedupe ID: a re-sent event has a new offset and is applied again", module: "offset-dedupe-id.ts" },
  { name: "unawaited-send", hazard: "the output is sent fire-and-forget and auto-commit goes ahead: a crash while the send is in flight loses it", module: "unawaited-send.ts", faults: ["crash"] },
];

/** The service mutant called `name`, if any. */
export function findServiceMutant(name: string): ServiceMutant | undefined {
  return serviceMutants.find((m) => m.name === name);
}

/** Where the service variants live. */
export const serviceMutantsDir = new URL("../../scenarios/services/mutants/", import.meta.url);

/** The ledger service's definition (its scenario file's), with `module` as the service's code. */
export function ledgerService(module: URL = new URL("../../scenarios/services/ledger-service.ts", import.meta.url)) {
  return {
    module,
    start: "start",
    topics: { input: "ledger-commands", output: "ledger-events", changelog: "ledger-changelog" },
    state: { namespace: "balances" },
  } as const;
}

/** The scenario that must catch `mutant`. */
export function serviceMutantScenario(mutant: ServiceMutant): Scenario {
  return resolveScenario(
    defineScenario({
      name: `mutant-${mutant.name}`,
      description: mutant.hazard,
      service: ledgerService(new URL(mutant.module, serviceMutantsDir)),
      model: bankLedger,
      faults: mutant.faults,
      expect: "fail",
    }),
    null,
  );
}

/** The correct ledger service under every fault: the reference the service mutants are variants of. */
export function ledgerServiceScenario(): Scenario {
  return resolveScenario(
    defineScenario({
      name: "ledger-service",
      description: "the bank ledger as a kafkajs service (the reference of the service mutants), every fault",
      service: ledgerService(),
      model: bankLedger,
      expect: "pass",
    }),
    null,
  );
}

/** Every service mutant's scenario, in catalogue order. */
export function allServiceMutantScenarios(): Array<{ mutant: ServiceMutant; scenario: Scenario }> {
  return serviceMutants.map((mutant) => ({ mutant, scenario: serviceMutantScenario(mutant) }));
}
