/** Finished runs for checker tests. */
import type { LogRecord } from "../../src/broker/log-record.ts";
import { checkContextOf } from "../../src/check/check-context.ts";
import type { Anomaly, Checker, Evidence, EvidenceTally } from "../../src/check/verdict.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import type { WorldView } from "../../src/sim/world-view.ts";
import type { StoreSnapshot } from "../../src/store/store-client.ts";
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

/** Run `checker` on `view` with a fresh per-run context, as `checkRun` does. */
export function check(checker: Checker, view: WorldView): readonly Anomaly[] {
  return checker.check(view, checkContextOf(view), {});
}

/** What `checker` judged of `view` (its evidence counts), with a fresh per-run context. */
export function judged(checker: Checker, view: WorldView): Evidence {
  const evidence: EvidenceTally = {};
  checker.check(view, checkContextOf(view), evidence);
  return evidence;
}

/**
 * A copy of `records` with only the records `keep` accepts. The partition's end offset does
 * not change: views carry end offsets apart from the records (`inputEnd`, `changelogEnd`).
 */
export function filtered<V>(records: readonly LogRecord<V>[], keep: (key: string) => boolean): LogRecord<V>[] {
  return records.filter((r) => keep(r.key));
}

/** `view` with the `which` topic's partition `p` replaced by `records`. */
export function withLog<K extends "changelog" | "output" | "input">(view: WorldView, which: K, p: number, records: WorldView[K][number]): WorldView {
  const logs = [...view[which]];
  logs[p] = records;
  return { ...view, [which]: logs };
}

/** `view` with the input archive of partition `p` replaced by `records`. */
export function withArchive(view: WorldView, p: number, records: WorldView["inputArchive"][number]): WorldView {
  const archive = [...view.inputArchive];
  archive[p] = records;
  return { ...view, inputArchive: archive };
}

/** A mutable copy of a store snapshot, for tests that corrupt it. */
export interface EditableStore {
  readonly state: Map<string, unknown>;
  readonly dedupe: Map<string, number>;
  nextOffset: number;
}

/** `view` with the live store of partition `p` replaced by a copy that `edit` changed (the original is untouched). */
export function withStore(view: WorldView, p: number, edit: (store: EditableStore) => void): WorldView {
  const live = view.liveStores[p];
  if (live === null) throw new Error(`partition ${p} has no live store`);
  const copy: EditableStore = { state: new Map(live.state), dedupe: new Map(live.dedupe), nextOffset: live.nextOffset };
  edit(copy);
  const liveStores: (StoreSnapshot | null)[] = [...view.liveStores];
  liveStores[p] = copy;
  return { ...view, liveStores };
}
