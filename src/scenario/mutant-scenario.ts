/**
 * Building the scenario that hunts one planted bug: the built-in processor the hazard needs,
 * the default topology, the mutant's focused fault mix (or all faults), expecting a failure.
 * The planted service bugs (variants of the ledger service) are built in `service-mutants.ts`;
 * {@link builtInScenario} finds both kinds, and the references, by name.
 */
import { findMutant, mutants, type Mutant } from "../runtime/mutants.ts";
import { builtInProcessors } from "../runtime/processors/built-in.ts";
import { defineScenario } from "./define-scenario.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";
import { findServiceMutant, ledgerServiceScenario, serviceMutantScenario } from "./service-mutants.ts";

/** The scenario that must catch `mutant`. */
export function mutantScenario(mutant: Mutant): Scenario {
  const processorName = mutant.processor ?? "bank-ledger";
  return resolveScenario(
    defineScenario({
      name: `mutant-${mutant.name}`,
      description: mutant.hazard,
      processor: builtInProcessors[processorName],
      runtime: mutant.name,
      faults: mutant.faults,
      topology: mutant.keys === undefined ? undefined : { keys: mutant.keys },
      workload: mutant.mix === undefined ? undefined : { mix: mutant.mix },
      compaction: mutant.segmentRecords === undefined ? undefined : { segmentRecords: mutant.segmentRecords },
      expect: "fail",
    }),
    null,
  );
}

/** The reference runtime under every fault, once per built-in processor. */
export function referenceScenarios(): Scenario[] {
  return Object.entries(builtInProcessors).map(([name, processor]) =>
    resolveScenario(defineScenario({ name: `reference-${name}`, description: `reference runtime, ${name}`, processor, expect: "pass" }), null),
  );
}

/** Every mutant's scenario, in catalogue order. */
export function allMutantScenarios(): Array<{ mutant: Mutant; scenario: Scenario }> {
  return mutants.map((mutant) => ({ mutant, scenario: mutantScenario(mutant) }));
}

/**
 * A scenario `eosim mutants` builds in code, by name: `mutant-<bug>` (a runtime or a service
 * bug), `reference-<processor>` or `ledger-service`.
 */
export function builtInScenario(name: string): Scenario | undefined {
  if (name.startsWith("mutant-")) {
    const bug = name.slice("mutant-".length);
    const mutant = findMutant(bug);
    if (mutant !== undefined) return mutantScenario(mutant);
    const serviceMutant = findServiceMutant(bug);
    return serviceMutant === undefined ? undefined : serviceMutantScenario(serviceMutant);
  }
  if (name === "ledger-service") return ledgerServiceScenario();
  return referenceScenarios().find((s) => s.name === name);
}
