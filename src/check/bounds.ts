/**
 * Bounds: with a bounded dedupe window of W offsets, a store never holds more than W dedupe
 * IDs (the store records the dedupe set's size after every commit that changes it). An unbounded dedupe set is a
 * memory leak in production even when it is correct.
 */
import { Op } from "../core/history.ts";
import { slotInstance, slotPartition } from "../core/packed-fields.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const bounds: Checker = {
  name: "bounds",
  class: "safety",
  check(view) {
    const window = view.config.runtime.dedupeWindowOffsets;
    if (window === null) return [];
    const data = view.history.data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== Op.dedupeSize || data[i + 2] <= window) continue;
      const anomaly: Anomaly = {
        kind: "dedupe-window-exceeded",
        partition: slotPartition(data[i + 1]),
        detail: `instance ${slotInstance(data[i + 1])} holds ${data[i + 2]} dedupe IDs for partition ${slotPartition(data[i + 1])}, above its window of ${window}`,
      };
      return [anomaly];
    }
    return [];
  },
};
