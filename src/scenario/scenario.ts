/**
 * A loaded, validated scenario with every default filled in: what the runner executes.
 */
import { type Checker } from "../check/verdict.ts";
import { checkers as allCheckers, referenceCheckers, serviceOnlyCheckers } from "../check/all-checkers.ts";
import { invariantChecker } from "../check/invariant.ts";
import { resolveRange } from "../core/option-spec.ts";
import { databaseFaultKinds, defaultFaultKinds, type FaultKind, type FaultMix, faultKinds } from "../faults/fault-kind.ts";
import { findMutant, mutants } from "../runtime/mutants.ts";
import { referenceRuntime, type RuntimeOptions } from "../runtime/runtime-options.ts";
import type { ScheduleShape } from "../schedule/schedule-shape.ts";
import { sqliteUnavailable } from "../store/sqlite-driver.ts";
import type { StoreKind } from "../store/store-kind.ts";
import type { WorldConfig } from "../sim/world-config.ts";
import { BadInputError } from "./bad-input.ts";
import type { ScenarioDefinition } from "./define-scenario.ts";
import { compactionDefaults, scenarioDefaults, scenarioOptionSpecs, topologyDefaults } from "./scenario-options.ts";
import { resolveWorkload } from "./scenario-workload.ts";
import { resolveService, serviceCheckers } from "./service-scenario.ts";
import { serviceCrashPoints } from "../service/life.ts";

/** A runnable scenario. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly expect: "pass" | "fail";
  /** Default schedules per run. */
  readonly runs: number;
  /** The file it was loaded from (for messages and repro files), or null when built in code. */
  readonly file: string | null;
  readonly world: WorldConfig;
  readonly shape: ScheduleShape;
  readonly checkers: readonly Checker[];
  readonly definition: ScenarioDefinition;
  /** Default time limit of a run, in seconds. */
  readonly timeLimitSeconds: number | undefined;
  /** Real time (ms) the scenario's own code may run in one schedule before the watchdog stops it. */
  readonly budgetMs: number;
}

/** Weights for every fault kind, 0 for those not given. */
function fullMix(weights: Partial<Record<FaultKind, number>>): FaultMix {
  return Object.fromEntries(faultKinds.map((kind) => [kind, weights[kind] ?? 0])) as FaultMix;
}

function runtimeOf(definition: ScenarioDefinition, file: string | null): { options: RuntimeOptions; earlyTombstoneRemoval: boolean } {
  const runtime = definition.runtime ?? "reference";
  if (typeof runtime !== "string") return { options: { ...referenceRuntime, ...runtime }, earlyTombstoneRemoval: false };
  if (runtime === "reference") return { options: referenceRuntime, earlyTombstoneRemoval: false };
  const mutant = findMutant(runtime);
  if (mutant === undefined) {
    throw new BadInputError(`${file ?? "scenario"}: runtime must be "reference" or a planted bug (${mutants.map((m) => m.name).join(", ")}), got ${JSON.stringify(runtime)}`);
  }
  return { options: { ...referenceRuntime, ...mutant.runtime }, earlyTombstoneRemoval: mutant.earlyTombstoneRemoval ?? false };
}

/** The scenario's store implementation; SQLite must be loadable (checked when the scenario loads, not mid-run). */
function storeOf(definition: ScenarioDefinition, file: string | null): StoreKind {
  const store = definition.store ?? scenarioDefaults.store;
  if (store === "memory") return store;
  const missing = sqliteUnavailable();
  if (missing !== null) throw new BadInputError(`${file ?? "scenario"}: ${missing}`);
  return store;
}

/** A world without an external database cannot meet the database's fault kinds: naming one (in `faults`, or weighing it) is a mistake. */
function refuseDatabaseKinds(definition: ScenarioDefinition, file: string | null): void {
  const named: [string, readonly string[]][] = [
    ["faults", definition.faults ?? []],
    ["faultWeights", Object.entries(definition.faultWeights ?? {}).filter(([, weight]) => (weight ?? 0) > 0).map(([kind]) => kind)],
  ];
  for (const [option, kinds] of named) {
    const kind = kinds.find((k) => databaseFaultKinds.includes(k as FaultKind));
    if (kind !== undefined) throw new BadInputError(`${file ?? "scenario"}: ${option}: "${kind}" needs a service with an external database (service.database: true)`);
  }
}

/** Fill in defaults of a validated definition. */
export function resolveScenario(definition: ScenarioDefinition, file: string | null): Scenario {
  const topology = definition.topology ?? {};
  const runtime = runtimeOf(definition, file);
  const workload = resolveWorkload(definition);
  const service = definition.service === undefined ? undefined : resolveService(definition.service, file);
  const world: WorldConfig = {
    processor: definition.processor,
    ...(service === undefined ? {} : { service }),
    runtime: runtime.options,
    partitions: topology.partitions ?? topologyDefaults.partitions,
    instances: topology.instances ?? topologyDefaults.instances,
    producers: topology.producers ?? topologyDefaults.producers,
    keys: workload.keys,
    compaction: {
      segmentRecords: definition.compaction?.segmentRecords ?? compactionDefaults.segmentRecords,
      deleteRetentionTicks: definition.compaction?.deleteRetentionTicks ?? compactionDefaults.deleteRetentionTicks,
    },
    sessionTimeoutTicks: definition.sessionTimeoutTicks ?? scenarioDefaults.sessionTimeoutTicks,
    brokerBugs: { earlyTombstoneRemoval: runtime.earlyTombstoneRemoval || (definition.compaction?.earlyTombstoneRemoval ?? compactionDefaults.earlyTombstoneRemoval) },
    store: storeOf(definition, file),
  };
  const intents = resolveRange(scenarioOptionSpecs.intents, definition.intents);
  const serviceOnly = definition.service === undefined ? definition.checkers?.find((name) => serviceOnlyCheckers.includes(name)) : undefined;
  if (serviceOnly !== undefined) throw new BadInputError(`${file ?? "scenario"}: checkers: "${serviceOnly}" judges the reads of a user's service (service.monotonicReads); the reference runtime records none`);
  const database = service?.database === true;
  if (!database) refuseDatabaseKinds(definition, file);
  const selected = definition.checkers;
  return {
    name: definition.name,
    description: definition.description,
    expect: definition.expect ?? scenarioDefaults.expect,
    // A fixed schedule plays the same intents every run, so one run is the default.
    runs: definition.runs ?? (definition.schedule === undefined ? scenarioDefaults.runs : 1),
    file,
    world,
    shape: {
      instances: world.instances,
      producers: world.producers,
      partitions: world.partitions,
      keys: world.keys,
      faults: definition.faults ?? defaultFaultKinds(database),
      ...(database ? { database: true as const } : {}),
      ...(service === undefined ? {} : { crashAims: serviceCrashPoints.length - 1 }),
      minIntents: intents.min,
      maxIntents: intents.max,
      // Only when set: a shape without them generates exactly the schedules it always did.
      ...(workload.events === undefined ? {} : { events: workload.events }),
      ...(workload.eventKindWeights === undefined ? {} : { eventKindWeights: workload.eventKindWeights }),
      republishDistanceMax: definition.republishDistanceMax ?? scenarioDefaults.republishDistanceMax,
      faultWeights: definition.faultWeights === undefined ? undefined : fullMix(definition.faultWeights),
      fixed: definition.schedule === undefined ? undefined : {
        seed: definition.schedule.seed ?? 0,
        faultMix: fullMix(definition.schedule.faultMix ?? {}),
        intents: definition.schedule.intents,
      },
    },
    timeLimitSeconds: definition.timeLimitSeconds,
    budgetMs: definition.budgetMs ?? scenarioDefaults.budgetMs,
    checkers: [
      ...(definition.service !== undefined ? serviceCheckers(allCheckers, selected, definition.service, file ?? "scenario") : selected === undefined ? referenceCheckers : allCheckers.filter((c) => selected.includes(c.name))),
      // The scenario's own rules, after the built-in checkers, whatever `checkers` selects.
      ...(definition.invariants ?? []).map(invariantChecker),
    ],
    definition,
  };
}
