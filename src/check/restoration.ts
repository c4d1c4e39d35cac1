/**
 * Changelog restoration: replaying each partition's changelog into an empty store gives
 * exactly the live store (state, next input offset, dedupe IDs), both as the changelog stands
 * and after compacting a copy of it fully (every tombstone past its retention). This is the
 * table-stream duality the service relies on whenever a partition moves.
 */
import { compactLog } from "../broker/compaction.ts";
import type { PartitionLog } from "../broker/partition-log.ts";
import { applyChangelogRecord, type RestoreTarget } from "../runtime/changelog-record.ts";
import type { PartitionStore } from "../store/partition-store.ts";
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

function replay(log: PartitionLog<unknown>): RestoreTarget {
  const target: RestoreTarget = { state: new Map(), dedupe: new Map(), nextOffset: 0, outbox: [] };
  for (const record of log.records) applyChangelogRecord(target, record.key, record.value);
  return target;
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

function compare(live: PartitionStore, restored: RestoreTarget, partition: number, label: string): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const where = `partition ${partition} (${label})`;
  if (live.nextOffset !== restored.nextOffset) {
    anomalies.push({ kind: "restore-offset", partition, offset: Math.min(live.nextOffset, restored.nextOffset), detail: `${where}: live next offset ${live.nextOffset}, restored ${restored.nextOffset}` });
  }
  // Only differing keys are collected and sorted (for the report), and no closure is created
  // (each costs a kept-name definition under the loader): a passing run allocates nothing here.
  let differing: string[] | undefined;
  for (const key of live.state.keys()) if (!sameValue(live.state.get(key), restored.state.get(key))) (differing ??= []).push(key);
  for (const key of restored.state.keys()) if (!live.state.has(key)) (differing ??= []).push(key);
  for (const key of differing?.sort() ?? []) {
    anomalies.push({ kind: "restore-state", partition, detail: `${where} key ${key}: live ${show(live.state.get(key))}, restored ${show(restored.state.get(key))}` });
  }
  if (sameKeys(live.dedupe, restored.dedupe)) return anomalies;
  const missing = [...live.dedupe.keys()].filter((id) => !restored.dedupe.has(id));
  const extra = [...restored.dedupe.keys()].filter((id) => !live.dedupe.has(id));
  anomalies.push({ kind: "restore-dedupe", partition, detail: `${where}: dedupe IDs missing after restore [${missing.slice(0, 5).join(", ")}], extra [${extra.slice(0, 5).join(", ")}]` });
  return anomalies;
}

export const restoration: Checker = {
  name: "restoration",
  class: "safety",
  check(view) {
    const anomalies: Anomaly[] = [];
    for (let partition = 0; partition < view.liveStores.length; partition++) {
      const live = view.liveStores[partition];
      if (live === null) continue;
      const log = view.changelog[partition];
      anomalies.push(...compare(live, replay(log), partition, "changelog as is"));
      const compacted = log.clone();
      // One clean with a zero retention removes every superseded record and every tombstone
      // outside the active (last) record, as two cleans one retention apart would.
      compactLog(compacted, { segmentRecords: 1, deleteRetentionTicks: 0 }, view.nowTicks);
      anomalies.push(...compare(live, replay(compacted), partition, "after full compaction"));
    }
    return anomalies;
  },
};
