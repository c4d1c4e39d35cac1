/**
 * Building the scenario that hunts one planted bug: the built-in processor the hazard needs,
 * the default topology, the mutant's focused fault mix (or all faults), expecting a failure.
 */
import { findMutant, mutants, type Mutant } from "../runtime/mutants.ts";
import { builtInProcessors } from "../runtime/processors/built-in.ts";
import { defineScenario } from "./define-scenario.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";

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

/** A scenario `eosim mutants` builds in code (`mutant-<bug>` or `reference-<processor>`), by name. */
export function builtInScenario(name: string): Scenario | undefined {
  if (name.startsWith("mutant-")) {
    const mutant = findMutant(name.slice("mutant-".length));
    return mutant === undefined ? undefined : mutantScenario(mutant);
  }
  return referenceScenarios().find((s) => s.name === name);
}
