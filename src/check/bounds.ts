/**
 * Bounds: with a bounded dedupe window of W offsets, a store never holds more than W dedupe
 * IDs (the store records the dedupe set's size after every commit that changes it). An unbounded dedupe set is a
 * memory leak in production even when it is correct.
 *
 * Evidence: `sizes`, the dedupe set sizes checked. With a window set, a live store that ends
 * holding dedupe IDs got them through a commit or a restore that changed its dedupe set, and
 * the store records the size after each of those, so such a run has some. Without a window
 * there is nothing to bound.
 */
import { Op } from "../core/history.ts";
import { slotInstance, slotPartition } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** The first live store holding dedupe IDs in a run with a dedupe window, described; null when there is none. */
function dedupeIdsHeld(view: WorldView): string | null {
  if (view.config.runtime.dedupeWindowOffsets === null || view.config.service !== undefined) return null;
  const partition = view.liveStores.findIndex((store) => store !== null && store.dedupe.size > 0);
  return partition < 0 ? null : `the live store of partition ${partition} holds ${view.liveStores[partition]!.dedupe.size} dedupe IDs`;
}

export const bounds: Checker = {
  name: "bounds",
  class: "safety",
  mustJudge: [{ what: "sizes", required: dedupeIdsHeld }],
  check(view, _context, evidence) {
    const window = view.config.runtime.dedupeWindowOffsets;
    evidence.sizes = 0;
    if (window === null) return [];
    const data = view.history.data;
    let sizes = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== Op.dedupeSize) continue;
      sizes++;
      if (data[i + 2] <= window) continue;
      const anomaly: Anomaly = {
        kind: "dedupe-window-exceeded",
        partition: slotPartition(data[i + 1]),
        detail: `instance ${slotInstance(data[i + 1])} holds ${data[i + 2]} dedupe IDs for partition ${slotPartition(data[i + 1])}, above its window of ${window}`,
      };
      evidence.sizes = sizes;
      return [anomaly];
    }
    evidence.sizes = sizes;
    return [];
  },
};
