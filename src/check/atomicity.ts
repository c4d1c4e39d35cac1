/**
 * Atomicity at every commit: whenever a store holds next input offset o (after a commit, a
 * restore or a resume from the local store), its state must be exactly the reference fold of
 * the unique inputs below o. A store whose offset and state disagree has lost an input, applied
 * one twice, or restored wrongly; the first such snapshot is where the divergence began, even
 * when later events hide it from the final state.
 */
import { Op } from "../core/history.ts";
import { referenceModelOf } from "./reference-model.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const atomicity: Checker = {
  name: "atomicity",
  class: "safety",
  check(view) {
    const model = referenceModelOf(view);
    const data = view.history.data;
    let step = 0;
    for (let i = 0; i < data.length; i += 4) {
      const op = data[i];
      if (op === Op.intent) step = data[i + 1] + 1;
      if (op !== Op.snapshot) continue;
      const instance = data[i + 1] >> 8;
      const partition = data[i + 1] & 255;
      const offset = data[i + 2];
      const expected = model.partitions[partition].stateHashBefore[offset];
      if (expected === data[i + 3]) continue;
      const where = step < view.history.stepHashes.length ? `after intent ${step}` : "during heal/drain";
      const anomaly: Anomaly = {
        kind: "state-offset-mismatch",
        partition,
        offset,
        detail: `instance ${instance}'s store for partition ${partition} at next offset ${offset} does not hold the state of the unique inputs below ${offset} (first seen ${where})`,
      };
      return [anomaly];
    }
    return [];
  },
};
