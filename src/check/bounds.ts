/**
 * Bounds: with a bounded dedupe window of W offsets, a store never holds more than W dedupe
 * IDs (the window's size is recorded after every commit). An unbounded dedupe set is a
 * memory leak in production even when it is correct.
 */
import { Op } from "../core/history.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const bounds: Checker = {
  name: "bounds",
  class: "safety",
  check(view) {
    const data = view.history.data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== Op.dedupeSize || data[i + 2] <= data[i + 3]) continue;
      const anomaly: Anomaly = {
        kind: "dedupe-window-exceeded",
        partition: data[i + 1] & 255,
        detail: `instance ${data[i + 1] >> 8} holds ${data[i + 2]} dedupe IDs for partition ${data[i + 1] & 255}, above its window of ${data[i + 3]}`,
      };
      return [anomaly];
    }
    return [];
  },
};
