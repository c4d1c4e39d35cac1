/**
 * The benchmark's reference workload, fixed so figures compare across commits: the bank
 * ledger on the reference runtime, 4 partitions, 3 instances, 2 producers (6 keys), 120 to
 * 200 intents per schedule, every fault kind, every checker. Also the factories worker threads
 * call to build the benchmark's scenarios (see `scenario/scenario-source.ts`).
 */
import { bankLedger } from "../src/runtime/processors/bank-ledger.ts";
import { findMutant } from "../src/runtime/mutants.ts";
import { defineScenario } from "../src/scenario/define-scenario.ts";
import { mutantScenario } from "../src/scenario/mutant-scenario.ts";
import { resolveScenario, type Scenario } from "../src/scenario/scenario.ts";
import { moduleSource, type ScenarioSource } from "../src/scenario/scenario-source.ts";

/** The reference workload as a scenario (faults and checkers default to all). */
export function referenceWorkload(): Scenario {
  return resolveScenario(
    defineScenario({
      name: "bench-reference",
      description: "bank ledger, 4 partitions, 3 instances, 2 producers, 120-200 intents per schedule, every fault kind, every checker",
      processor: bankLedger,
      topology: { partitions: 4, instances: 3, producers: 2 },
      intents: { min: 120, max: 200 },
      expect: "pass",
    }),
    null,
  );
}

/** Where worker threads load the reference workload from. */
export const referenceWorkloadSource: ScenarioSource = moduleSource(import.meta.url, "referenceWorkload");

/** The scenario that must catch the planted bug `name` (see `eosim mutants`). */
export function plantedBugScenario(name: string): Scenario {
  const mutant = findMutant(name);
  if (mutant === undefined) throw new Error(`no planted bug named ${name}`);
  return mutantScenario(mutant);
}
