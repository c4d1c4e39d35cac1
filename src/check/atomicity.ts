/**
 * Atomicity at every commit, and first-divergence localization.
 *
 * Whenever a store commits a transaction or a restore leaving next input offset o (the store
 * records each one), its state must be exactly the reference fold of the unique inputs below o: the
 * reference model runs in lockstep with the service, offset by offset. The first snapshot that
 * disagrees is where the service and the model parted: the culprit is the first input after
 * the last snapshot of the same store that still agreed (a lost input, one applied twice, a
 * wrong restore). This is reported even when later events hide it from the final state.
 *
 * Evidence: `commits`, the store commits and restores checked against the model. The
 * reference runtime reads input only from a store it restored or committed to, and its store
 * records both, so a run in which the broker saw one of its instances read input has some.
 * (A user's service keeps its offsets where eosim's store does not record them: for it this
 * checker has nothing to judge, and the other checkers judge what it did.)
 */
import { Op } from "../core/history.ts";
import { slotInstance, slotPartition } from "../core/packed-fields.ts";
import { runtimeInputRead } from "./boundary-facts.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const atomicity: Checker = {
  name: "atomicity",
  class: "safety",
  mustJudge: [{ what: "commits", required: runtimeInputRead }],
  check(view, { model }, evidence) {
    const data = view.history.data;
    const intents = view.history.stepCount;
    const lastGood = new Map<number, number>();
    let step = 0;
    let commits = 0;
    for (let i = 0; i < data.length; i += 4) {
      const op = data[i];
      if (op === Op.intent) step = data[i + 1] + 1;
      if (op !== Op.storeCommit) continue;
      commits++;
      const store = data[i + 1];
      const offset = data[i + 2];
      const partition = slotPartition(store);
      if (model.partitions[partition].stateHashBefore[offset] === data[i + 3]) {
        lastGood.set(store, offset);
        continue;
      }
      // The culprit is among the inputs after the store's last good snapshot; a store whose
      // state is ahead of its offset points at the input at its offset.
      const from = lastGood.get(store) ?? 0;
      const archive = view.inputArchive[partition];
      const culprit = archive.find((r) => r.offset >= from && r.offset < offset) ?? archive.find((r) => r.offset >= offset);
      const dedupeId = culprit?.value?.dedupeId;
      const observed = step + 1;
      const when = observed <= intents ? `at step ${observed}` : "during heal/drain";
      const input = culprit === undefined ? "" : `; first divergent input: offset ${culprit.offset} (${dedupeId})`;
      const anomaly: Anomaly = {
        kind: "state-offset-mismatch",
        partition,
        offset: culprit?.offset ?? offset,
        step: observed,
        dedupeId,
        detail: `instance ${slotInstance(store)}'s store for partition ${partition} at next offset ${offset} does not hold the state of the unique inputs below ${offset}, ${when}${input}`,
      };
      evidence.commits = commits;
      return [anomaly];
    }
    evidence.commits = commits;
    return [];
  },
};
