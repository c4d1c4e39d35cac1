/** Small worlds for runtime and checker tests. */
import type { Broker } from "../../src/broker/broker.ts";
import type { LogRecord } from "../../src/broker/log-record.ts";
import type { InputEvent } from "../../src/broker/producer.ts";
import { SendTarget } from "../../src/broker/send-outcome.ts";
import type { History } from "../../src/core/history.ts";
import type { OutputRecord } from "../../src/runtime/changelog-record.ts";
import { bankLedger } from "../../src/runtime/processors/bank-ledger.ts";
import { referenceRuntime } from "../../src/runtime/runtime-options.ts";
import type { WorldConfig } from "../../src/sim/world-config.ts";
import { World } from "../../src/sim/world.ts";

/** A bank-ledger world config: one partition, one instance, one producer unless overridden. */
export function ledgerConfig(overrides: Partial<WorldConfig> = {}): WorldConfig {
  return {
    processor: bankLedger,
    runtime: referenceRuntime,
    partitions: 1,
    instances: 1,
    producers: 1,
    keys: 4,
    compaction: { segmentRecords: 8, deleteRetentionTicks: 50 },
    sessionTimeoutTicks: 10,
    brokerBugs: { earlyTombstoneRemoval: false },
    store: "memory",
    ...overrides,
  };
}

/** A fresh world (seed 1, idempotent producer unless told otherwise, no background cleaner). */
export function newWorld(overrides: Partial<WorldConfig> = {}, idempotentProducer = true): World {
  return new World(ledgerConfig(overrides), { seed: 1, idempotentProducer, cleanerChancePerFetch: 0 });
}

/** Produce a bank-ledger event built from (keyIndex, draw) on `producer`. */
export function produce(world: World, keyIndex: number, draw: number, producer = 0) {
  const event = bankLedger.makeEvent(keyIndex, draw, 0);
  return world.producers[producer].produce(world.partitionOf(event.key), event.key, event.payload);
}

/** Step `instance` (through its host: not while crashed or paused) until it reports no progress (bounded); returns the steps taken. */
export function stepUntilIdle(world: World, instance: number, bound = 500): number {
  for (let i = 0; i < bound; i++) if (!world.hosts[instance].step()) return i;
  throw new Error(`instance ${instance} still busy after ${bound} steps`);
}

/** `[a, b, c]` of every history record with `op`, in order. */
export function recordsOf(history: History, op: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < history.data.length; i += 4) if (history.data[i] === op) out.push(history.data.slice(i + 1, i + 4));
  return out;
}

export { World };

/** The input records of partition `p` as they stand (a copy). */
export function inputRecords(broker: Broker, p: number): readonly LogRecord<InputEvent>[] {
  return broker.topicData<InputEvent>(SendTarget.input).records[p];
}

/** The changelog records of partition `p` as they stand (a copy). */
export function changelogRecords(broker: Broker, p: number): readonly LogRecord<unknown>[] {
  return broker.topicData<unknown>(SendTarget.changelog).records[p];
}

/** The output records of partition `p` as they stand (a copy). */
export function outputRecords(broker: Broker, p: number): readonly LogRecord<OutputRecord>[] {
  return broker.topicData<OutputRecord>(SendTarget.output).records[p];
}

/** A live read-only look at one partition of `broker`'s topic, for tests (records are copies, re-read at each access). */
export function logOf(broker: Broker, topic: SendTarget, p: number) {
  return {
    get records(): readonly LogRecord<InputEvent & OutputRecord>[] {
      return broker.topicData<InputEvent & OutputRecord>(topic).records[p];
    },
    get endOffset(): number {
      return broker.endOffset(topic, p);
    },
    get logStartOffset(): number {
      return broker.startOffset(topic, p);
    },
  };
}
