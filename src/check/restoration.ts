/**
 * Changelog restoration: replaying each partition's changelog into an empty store gives
 * exactly the live store (state, next input offset, dedupe IDs), both as the changelog stands
 * and after compacting a copy of it fully (every tombstone past its retention). This is the
 * table-stream duality the service relies on whenever a partition moves. For a user's service
 * using eosim's store with a changelog, the same holds for every namespace of a partition
 * (`<name>/<partition>`) on the owner that works on it.
 *
 * Every store the reference runtime restores or reuses is also checked when it is opened,
 * against the changelog's latest offset record and the group's committed offset
 * (`stale-store`, see `opened-stores.ts`), so a restore that recovered too little or a stale
 * store reused is seen where it happened, not only if the final store still shows it.
 *
 * Evidence: `stores` compared with their changelog, `restores` and `reuses` checked where
 * they were opened. The world's view holds a store (or a service's namespaces) for each
 * partition whose live owner works on it, and every one is compared, so a view holding one
 * gives some `stores`. Every instance's disk starts empty, so the first time a
 * reference-runtime instance works on a partition it restores it (from an empty changelog,
 * perhaps), and its store records each restore: a run in which the broker saw one of its
 * instances read input has some `restores`. (Reuses are the runtime's choice: none is
 * required. A user's service records neither.)
 */
import type { StoreSnapshot } from "../store/store-client.ts";
import type { WorldView } from "../sim/world-view.ts";
import { runtimeInputRead, runtimeStoreResumed } from "./boundary-facts.ts";
import { decodeChangelog, decodeCompacted, type DecodedNamespaces, type DecodedStore, decodeServiceChangelog, fullyCompacted } from "./changelog-oracle.ts";
import { liveStoreHeld } from "./exactly-once-state.ts";
import { staleStores } from "./opened-stores.ts";
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

/** The first partition whose owner's namespaces (a service's) or store (the reference runtime's) the view holds, described; null when none. */
function comparableStoreHeld(view: WorldView): string | null {
  const services = view.serviceNamespaces;
  if (services === null) return liveStoreHeld(view);
  const partition = services.findIndex((live) => live !== null);
  return partition < 0 ? null : `the world's view holds the namespaces of partition ${partition} on its owner`;
}

export const restoration: Checker = {
  name: "restoration",
  class: "safety",
  mustJudge: [
    { what: "stores", required: comparableStoreHeld },
    { what: "restores", required: runtimeInputRead },
    { what: "reuses", required: runtimeStoreResumed },
  ],
  check(view, _context, evidence) {
    const anomalies: Anomaly[] = [];
    let stores = 0;
    const services = view.serviceNamespaces;
    if (services !== null) {
      // A user's service: the logged namespaces of each partition its owner works on.
      services.forEach((live, partition) => {
        if (live === null) return;
        stores++;
        const log = view.changelog[partition];
        anomalies.push(...compareNamespaces(live, decodeServiceChangelog(log), partition, "changelog as is"));
        anomalies.push(...compareNamespaces(live, decodeServiceChangelog(fullyCompacted(log, view.changelogEnd[partition])), partition, "after full compaction"));
      });
      evidence.stores = stores;
      return anomalies;
    }
    anomalies.push(...staleStores(view, evidence));
    for (let partition = 0; partition < view.liveStores.length; partition++) {
      const live = view.liveStores[partition];
      if (live === null) continue;
      stores++;
      const log = view.changelog[partition];
      const asIs = decodeChangelog(log);
      anomalies.push(...compare(live, asIs, partition, "changelog as is"));
      anomalies.push(...compare(live, decodeCompacted(log, view.changelogEnd[partition], asIs), partition, "after full compaction"));
    }
    evidence.stores = stores;
    return anomalies;
  },
};
