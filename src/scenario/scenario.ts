/**
 * A loaded, validated scenario with every default filled in: what the runner executes.
 */
import { type Checker } from "../check/verdict.ts";
import { checkers as allCheckers } from "../check/all-checkers.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import { referenceRuntime } from "../runtime/runtime-options.ts";
import type { ScheduleShape } from "../schedule/schedule-arbitrary.ts";
import type { WorldConfig } from "../sim/world-config.ts";
import type { ScenarioDefinition } from "./define-scenario.ts";

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
}

/** Fill in defaults of a validated definition. */
export function resolveScenario(definition: ScenarioDefinition, file: string | null): Scenario {
  const topology = definition.topology ?? {};
  const world: WorldConfig = {
    processor: definition.processor,
    runtime: { ...referenceRuntime, ...definition.runtime },
    partitions: topology.partitions ?? 4,
    instances: topology.instances ?? 3,
    producers: topology.producers ?? 2,
    keys: topology.keys ?? 6,
    compaction: {
      segmentRecords: definition.compaction?.segmentRecords ?? 8,
      deleteRetentionTicks: definition.compaction?.deleteRetentionTicks ?? 50,
    },
  };
  const minIntents = definition.intents?.min ?? 10;
  const maxIntents = Math.max(minIntents, definition.intents?.max ?? 80);
  const selected = definition.checkers;
  return {
    name: definition.name,
    description: definition.description,
    expect: definition.expect ?? "pass",
    runs: definition.runs ?? 200,
    file,
    world,
    shape: {
      instances: world.instances,
      producers: world.producers,
      partitions: world.partitions,
      keys: world.keys,
      faults: definition.faults ?? faultKinds,
      minIntents,
      maxIntents,
    },
    checkers: selected === undefined ? allCheckers : allCheckers.filter((c) => selected.includes(c.name)),
    definition,
  };
}
