/**
 * Liveness: the drain converged within its tick budget, every partition has a live owner,
 * and every partition's committed group offset reached the end of its input.
 */
import type { Anomaly, Checker } from "./verdict.ts";

export const liveness: Checker = {
  name: "liveness",
  class: "liveness",
  check(view) {
    const anomalies: Anomaly[] = [];
    if (!view.drain.converged) {
      anomalies.push({ kind: "drain-stuck", detail: `drain did not converge within ${view.drain.budgetTicks} ticks` });
    }
    view.inputEnd.forEach((end, partition) => {
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
    return anomalies;
  },
};
