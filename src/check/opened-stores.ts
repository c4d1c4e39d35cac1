/**
 * Stores checked where an instance starts from them. The reference runtime starts work on a
 * partition from a restore or from the local store it finds on its disk, and its store
 * records both (`Op.storeRestore`; `Op.storeOpen` when it hands a namespace back). At that
 * moment the store's next input offset must not be behind the changelog's latest offset
 * record (as the changelog stood then: its archive, up to the end the broker's append records
 * had reached) nor behind the group's committed offset (as the group's accepted commits had
 * left it): the group commits an offset only after the changelog acknowledged the batch
 * holding it, a restore replays the changelog to its end, and a store is reused only when
 * nothing but epoch markers follows its checkpoint. A restore that recovered less than the
 * changelog holds, or a stale store reused, is a `stale-store` at once. The comparison of the
 * final stores with the changelog (`restoration.ts`) sees it only when nothing repaired it
 * since: a reused stale store processes again what others processed, and a deterministic
 * processor reaches the same state again, so before this check only retention truncating
 * input it still needed exposed it.
 *
 * A found store counts as reused only when the instance goes on with it (commits to it or
 * reads the partition's input) before a restore replaces it, a crash or a wipe: the runtime
 * finds stale stores whenever a partition comes back, and restores over them.
 *
 * A user's service keeps offsets where eosim's store does not record them: nothing here.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { packedCount, slotActor, slotInstance, slotPartition, slotTopic } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";
import { isInstanceInputFetch } from "./boundary-facts.ts";
import { latestOffsetRecord } from "./changelog-oracle.ts";
import type { Anomaly, EvidenceTally } from "./verdict.ts";

/** What the run's records had said so far when a store was opened: the changelog's end and the group's committed offsets. */
interface SoFar {
  readonly view: WorldView;
  readonly changelogEnd: Int32Array;
  readonly committed: Int32Array;
}

/**
 * The `stale-store` anomaly of the store record `i` (a restore or an open, during 0-based
 * intent `step`) shows an instance starting from, or null when the store is not behind.
 */
function staleAt(so: SoFar, data: readonly number[], i: number, step: number): Anomaly | null {
  const slot = data[i + 1];
  const partition = slotPartition(slot);
  const next = data[i + 2];
  const archive = so.view.changelogArchive[partition];
  const record = latestOffsetRecord(archive, so.changelogEnd[partition]);
  const logged = record < 0 ? 0 : (archive[record].value as number);
  const committed = so.committed[partition];
  if (next >= logged && next >= committed) return null;
  const behind: string[] = [];
  if (next < logged) behind.push(`the changelog's latest offset record (changelog offset ${record}) says ${logged}`);
  if (next < committed) behind.push(`the group has committed offset ${committed}`);
  const when = step < so.view.history.stepCount ? `at step ${step + 1}` : "during heal/drain";
  const restored = data[i] === Op.storeRestore;
  const what = restored ? `restored partition ${partition} to next offset ${next}` : `reused its local store of partition ${partition} at next offset ${next}`;
  const why = restored ? "the restore recovered less than the changelog holds" : "the store is stale";
  return { kind: "stale-store", partition, offset: next, step: step + 1, detail: `instance ${slotInstance(slot)} ${what} ${when}, but ${behind.join(" and ")}: ${why}` };
}

/**
 * The first `stale-store` of `view` (see the module header), if any; `evidence` gets the
 * restores and the reused stores checked.
 */
export function staleStores(view: WorldView, evidence: EvidenceTally): Anomaly[] {
  const { partitions, instances } = view.config;
  const data = view.history.data;
  const so: SoFar = { view, changelogEnd: new Int32Array(partitions), committed: new Int32Array(partitions).fill(-1) };
  // Per store (instance * partitions + partition): an open not yet used nor replaced (1), and,
  // when the store was behind as it was opened, its anomaly (judged then, reported on use).
  const open = new Uint8Array(instances * partitions);
  let staleOpens: Map<number, Anomaly> | undefined;
  let first: Anomaly | null = null;
  let restores = 0;
  let reuses = 0;
  let step = 0;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    const a = data[i + 1];
    let used = -1; // the store this record shows in use
    if (op === Op.intent) step = a + 1;
    else if (op === Op.append && slotTopic(a) === SendTarget.changelog && data[i + 2] >= 0) so.changelogEnd[slotPartition(a)] = data[i + 2] + packedCount(data[i + 3]);
    else if (op === Op.offsetCommit && data[i + 3] >= 0) so.committed[data[i + 2]] = data[i + 3];
    else if (op === Op.storeRestore) {
      restores++;
      open[slotInstance(a) * partitions + slotPartition(a)] = 0;
      first ??= staleAt(so, data, i, step);
    } else if (op === Op.storeOpen) {
      const store = slotInstance(a) * partitions + slotPartition(a);
      open[store] = 1;
      const stale = staleAt(so, data, i, step);
      if (stale !== null) (staleOpens ??= new Map()).set(store, stale);
      else staleOpens?.delete(store);
    } else if (op === Op.storeCommit) used = slotInstance(a) * partitions + slotPartition(a);
    else if (isInstanceInputFetch(op, a)) used = slotActor(a) * partitions + slotPartition(a);
    else if (op === Op.crash || op === Op.exit || op === Op.wipe) open.fill(0, a * partitions, (a + 1) * partitions);
    if (used < 0 || open[used] === 0) continue;
    open[used] = 0;
    reuses++;
    first ??= staleOpens?.get(used) ?? null;
  }
  evidence.restores = restores;
  evidence.reuses = reuses;
  return first === null ? [] : [first];
}
