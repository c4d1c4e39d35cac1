/**
 * The benchmark's service workload: the reference workload (4 partitions, 3 instances, 2
 * producers, 120 to 200 intents per schedule, every fault kind) run by the ledger service
 * (`scenarios/services/ledger-service.ts`), a user's kafkajs service, instead of the
 * reference runtime, with every checker that applies to a service; on the simulated store, or
 * (`store: "sqlite"`) on an embedded SQLite database per instance disk.
 */
import { bankLedger } from "../src/runtime/processors/bank-ledger.ts";
import { defineScenario } from "../src/scenario/define-scenario.ts";
import { resolveScenario, type Scenario } from "../src/scenario/scenario.ts";
import { ledgerService } from "../src/scenario/service-mutants.ts";
import type { StoreKind } from "../src/store/store-kind.ts";

/** The service workload as a scenario, its store kept by `store`. */
export function serviceWorkload(store: StoreKind = "memory"): Scenario {
  return resolveScenario(
    defineScenario({
      name: store === "memory" ? "bench-service" : `bench-service-${store}`,
      description: "the ledger service (kafkajs), 4 partitions, 3 instances, 2 producers, 120-200 intents per schedule, every fault kind, every checker that applies",
      service: ledgerService(),
      model: bankLedger,
      topology: { partitions: 4, instances: 3, producers: 2 },
      intents: { min: 120, max: 200 },
      store,
      expect: "pass",
    }),
    null,
  );
}
