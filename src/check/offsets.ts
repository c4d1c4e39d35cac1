/**
 * Offsets: an offset commit the group accepted must never be past input that some store has
 * processed (the highest next offset any store committed or restored for the partition, as
 * the stores recorded it). Committing ahead of processing is how a
 * crash turns into a lost input. (Commits from a stale generation are refused by the group
 * itself; that fencing has its own unit tests. Whether committed offsets reached the end of
 * the input after the drain is the liveness checker's question.)
 *
 * A user's service records no store commits eosim can read; for it, "processed" is what some
 * instance fetched (the broker records every fetch), so a commit past input no instance has
 * even read is the anomaly.
 *
 * Evidence: `commits`, the accepted offset commits checked. The group records every commit
 * it accepts, and its final committed offsets are kept apart from that record: a group that
 * holds a committed offset accepted a commit, so such a run has some.
 */
import { Op } from "../core/history.ts";
import { isProducerActor, slotActor, slotPartition, slotTopic } from "../core/packed-fields.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import { groupCommitHeld } from "./boundary-facts.ts";
import type { Anomaly, Checker } from "./verdict.ts";

export const offsets: Checker = {
  name: "offsets",
  class: "safety",
  mustJudge: [{ what: "commits", required: groupCommitHeld }],
  check(view, _context, evidence) {
    const data = view.history.data;
    const processed = new Array<number>(view.input.length).fill(0);
    const anomalies: Anomaly[] = [];
    let step = 0;
    let commits = 0;
    const service = view.config.service !== undefined;
    for (let i = 0; i < data.length; i += 4) {
      const op = data[i];
      if (op === Op.intent) step = data[i + 1] + 1;
      else if (service && op === Op.fetch) {
        const slot = data[i + 1];
        if (slotTopic(slot) !== SendTarget.input || isProducerActor(slotActor(slot))) continue;
        const partition = slotPartition(slot);
        processed[partition] = Math.max(processed[partition], data[i + 2] + data[i + 3]);
      } else if (op === Op.storeCommit) {
        const partition = slotPartition(data[i + 1]);
        processed[partition] = Math.max(processed[partition], data[i + 2]);
      } else if (op === Op.offsetCommit && data[i + 3] >= 0) {
        commits++;
        const partition = data[i + 2];
        const offset = data[i + 3];
        if (offset <= processed[partition]) continue;
        anomalies.push({
          kind: "offset-ahead",
          partition,
          offset,
          step: step + 1,
          detail: `instance ${data[i + 1]} committed offset ${offset} for partition ${partition}, but input was processed only below ${processed[partition]}`,
        });
        evidence.commits = commits;
        return anomalies;
      }
    }
    evidence.commits = commits;
    return anomalies;
  },
};
