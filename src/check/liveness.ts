/**
 * Liveness: the drain converged within its tick budget, every partition has a live owner,
 * and every partition's committed group offset reached the end of its input.
 *
 * Evidence: `partitions` judged. A world has at least one partition and the broker reports
 * an end offset for each, so every run has some.
 */
import type { Anomaly, Checker } from "./verdict.ts";

export const liveness: Checker = {
  name: "liveness",
  class: "liveness",
  mustJudge: [{ what: "partitions", required: (view) => `the world has ${view.config.partitions} partition(s)` }],
  check(view, _context, evidence) {
    const anomalies: Anomaly[] = [];
    let partitions = 0;
    if (!view.drain.converged) {
      anomalies.push({ kind: "drain-stuck", detail: `drain did not converge within ${view.drain.budgetTicks} ticks` });
    }
    view.inputEnd.forEach((end, partition) => {
      partitions++;
      if (view.liveStores[partition] === null) {
        anomalies.push({ kind: "no-owner", partition, detail: `partition ${partition} has no live owner after the drain` });
      }
      // A service commits nothing for a partition it never consumed from (kafkajs does not), which is the start of an empty log.
      const given = view.committed[partition].offset;
      const committed = given < 0 && end === 0 && view.config.service !== undefined ? 0 : given;
      if (committed !== end) {
        anomalies.push({ kind: "offset-behind", partition, offset: committed, detail: `partition ${partition}: committed offset ${committed}, input end ${end}` });
      }
    });
    evidence.partitions = partitions;
    return anomalies;
  },
};
