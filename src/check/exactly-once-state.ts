/**
 * Exactly-once state: every partition's live store equals the reference fold of its unique
 * input events. A differing key is reported with the last input that (in the model) wrote it.
 * (Whether the store consumed its whole input is the liveness checker's question.)
 *
 * Evidence: `stores` compared and `keys` compared. The world's view holds a store for each
 * partition a live owner holds (the group's assignment, the owner's disk), and every one is
 * compared, so a view that holds one gives some `stores`.
 */
import type { WorldView } from "../sim/world-view.ts";
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** The first partition whose live owner's store the view holds, described; null when none. */
export function liveStoreHeld(view: WorldView): string | null {
  const partition = view.liveStores.findIndex((store) => store !== null);
  return partition < 0 ? null : `the world's view holds the live store of partition ${partition}`;
}

export const exactlyOnceState: Checker = {
  name: "exactly-once-state",
  class: "safety",
  mustJudge: [{ what: "stores", required: liveStoreHeld }],
  check(view, { model }, evidence) {
    const anomalies: Anomaly[] = [];
    let stores = 0;
    let compared = 0;
    view.liveStores.forEach((live, partition) => {
      if (live === null) return; // no owner: the liveness checker reports it
      stores++;
      const expected = model.partitions[partition];
      // Every key of either side is compared; only differing keys are collected and sorted
      // (for the report), so a passing run sorts and copies nothing here.
      let differing: string[] | undefined;
      compared += expected.state.size;
      for (const [key, want] of expected.state) if (!sameValue(want, live.state.get(key))) (differing ??= []).push(key);
      for (const key of live.state.keys()) {
        if (expected.state.has(key)) continue;
        compared++;
        (differing ??= []).push(key);
      }
      if (differing === undefined) return;
      for (const key of differing.sort()) {
        const want = expected.state.get(key);
        const got = live.state.get(key);
        const offset = expected.lastWriter.get(key);
        anomalies.push({
          kind: "state-divergence",
          partition,
          offset,
          detail: `partition ${partition} key ${key}: expected ${show(want)}, got ${show(got)}` +
            (offset === undefined ? "" : ` (last written by input offset ${offset})`),
        });
      }
    });
    evidence.stores = stores;
    evidence.keys = compared;
    return anomalies;
  },
};
