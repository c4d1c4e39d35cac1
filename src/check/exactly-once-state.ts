/**
 * Exactly-once state: every partition's live store equals the reference fold of its unique
 * input events. A differing key is reported with the last input that (in the model) wrote it.
 * (Whether the store consumed its whole input is the liveness checker's question.)
 */
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const exactlyOnceState: Checker = {
  name: "exactly-once-state",
  class: "safety",
  check(view, { model }) {
    const anomalies: Anomaly[] = [];
    view.liveStores.forEach((live, partition) => {
      if (live === null) return; // no owner: the liveness checker reports it
      const expected = model.partitions[partition];
      const keys = new Set([...expected.state.keys(), ...live.state.keys()]);
      for (const key of [...keys].sort()) {
        const want = expected.state.get(key);
        const got = live.state.get(key);
        if (sameValue(want, got)) continue;
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
    return anomalies;
  },
};
