/**
 * Changelog restoration: replaying each partition's changelog into an empty store gives
 * exactly the live store (state, next input offset, dedupe IDs), both as the changelog stands
 * and after compacting a copy of it fully (every tombstone past its retention). This is the
 * table-stream duality the service relies on whenever a partition moves. For a user's service
 * using eosim's store with a changelog, the same holds for every namespace of a partition
 * (`<name>/<partition>`) on the owner that works on it.
 */
import type { StoreSnapshot } from "../store/store-client.ts";
import { decodeChangelog, type DecodedNamespaces, type DecodedStore, decodeServiceChangelog, fullyCompacted } from "./changelog-oracle.ts";
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

function compare(live: StoreSnapshot, restored: DecodedStore, partition: number, label: string): Anomaly[] {
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

/** A service's namespaces of one partition against their rebuild from the changelog. */
function compareNamespaces(live: ReadonlyMap<string, ReadonlyMap<string, unknown>>, restored: DecodedNamespaces, partition: number, label: string): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const names = new Set([...live.keys(), ...restored.keys()]);
  for (const name of [...names].sort()) {
    const mine = live.get(name) ?? new Map<string, unknown>();
    const theirs = restored.get(name) ?? new Map<string, unknown>();
    const keys = new Set([...mine.keys(), ...theirs.keys()]);
    for (const key of [...keys].sort()) {
      if (sameValue(mine.get(key), theirs.get(key))) continue;
      anomalies.push({ kind: "restore-state", partition, detail: `partition ${partition} (${label}) namespace ${name} key ${key}: live ${show(mine.get(key))}, restored ${show(theirs.get(key))}` });
    }
  }
  return anomalies;
}

export const restoration: Checker = {
  name: "restoration",
  class: "safety",
  check(view) {
    const anomalies: Anomaly[] = [];
    const services = view.serviceNamespaces;
    if (services !== null) {
      // A user's service: the logged namespaces of each partition its owner works on.
      services.forEach((live, partition) => {
        if (live === null) return;
        const log = view.changelog[partition];
        anomalies.push(...compareNamespaces(live, decodeServiceChangelog(log), partition, "changelog as is"));
        anomalies.push(...compareNamespaces(live, decodeServiceChangelog(fullyCompacted(log, view.changelogEnd[partition])), partition, "after full compaction"));
      });
      return anomalies;
    }
    for (let partition = 0; partition < view.liveStores.length; partition++) {
      const live = view.liveStores[partition];
      if (live === null) continue;
      const log = view.changelog[partition];
      anomalies.push(...compare(live, decodeChangelog(log), partition, "changelog as is"));
      anomalies.push(...compare(live, decodeChangelog(fullyCompacted(log, view.changelogEnd[partition])), partition, "after full compaction"));
    }
    return anomalies;
  },
};
