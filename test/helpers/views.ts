/** Finished runs for checker tests. */
import type { PartitionLog } from "../../src/broker/partition-log.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import { ledgerConfig } from "./world.ts";

/**
 * A correct run of the bank ledger on two partitions and two instances: deposits and a
 * rejected withdrawal on several accounts, a lost input ACK with its retry (a duplicate input)
 * (the broker's idempotence is off for the run) and a crash, all healed and drained.
 */
export function correctView(): WorldView {
  const intents: Intent[] = [
    { k: "produce", producer: 0, key: 0, draw: 1 },
    { k: "produce", producer: 0, key: 1, draw: 4 },
    { k: "lost-ack", target: 0 },
    { k: "produce", producer: 1, key: 2, draw: 2 },
    { k: "retry", producer: 1, index: 0 },
    { k: "produce", producer: 0, key: 0, draw: 3 },
    { k: "step", instance: 0, count: 9 },
    { k: "crash", instance: 1 },
    { k: "produce", producer: 1, key: 3, draw: 5 },
    { k: "produce", producer: 0, key: 1, draw: 7 },
  ];
  // no-idempotence: the broker appends the retry again, so the input holds a duplicate
  return runSchedule(ledgerConfig({ partitions: 2, instances: 2, producers: 2 }), { seed: 7, faultMix: { "no-idempotence": 1 }, intents });
}

/** A copy of `log` with only the records `keep` accepts (same end offset). */
export function filtered<V>(log: PartitionLog<V>, keep: (key: string) => boolean): PartitionLog<V> {
  const copy = log.clone();
  copy.replaceRecords(copy.records.filter((r) => keep(r.key)));
  return copy;
}

/** `view` with the `which` topic's partition `p` replaced by `log`. */
export function withLog<K extends "changelog" | "output" | "input">(view: WorldView, which: K, p: number, log: WorldView[K][number]): WorldView {
  const logs = [...view[which]];
  logs[p] = log;
  return { ...view, [which]: logs };
}

/** `view` with the input archive of partition `p` replaced by `records`. */
export function withArchive(view: WorldView, p: number, records: WorldView["inputArchive"][number]): WorldView {
  const archive = [...view.inputArchive];
  archive[p] = records;
  return { ...view, inputArchive: archive };
}
