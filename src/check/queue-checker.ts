/**
 * Queue anomalies on the simulated input and output topics (see `simulated-queues.ts` for how
 * the run becomes queue histories and `queue-anomalies.ts` for the kinds).
 *
 * `duplicate` is expected on both topics and not reported here: the upstream re-publishes and
 * retries without idempotence (the service must dedupe), and the service re-sends outputs
 * under the same IDs after a crash or a lost ACK (consumers dedupe by ID; the
 * effectively-once checker counts those and fails on what consumers cannot dedupe). Every
 * other kind fails the run: an input the service skipped or never read, a poll going
 * backwards without a crash or rebalance, an acknowledged output missing downstream. When the
 * drain did not converge, the input topic is not judged (the liveness checker reports that).
 */
import type { WorldView } from "../sim/world-view.ts";
import { queueAnomalies } from "./queue-anomalies.ts";
import { queuesClean } from "./queue-fast-path.ts";
import { simulatedQueues } from "./simulated-queues.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** The queue anomalies of a run, from its full queue histories (no fast path). */
export function simulatedQueueAnomalies(view: WorldView): Anomaly[] {
  const { input, output } = simulatedQueues(view);
  const anomalies: Anomaly[] = [];
  // "Never read" means something only after a drain that finished; one that did not is the
  // liveness checker's failure, not a lost input.
  for (const queue of view.drain.converged ? [input, output] : [output]) {
    for (const found of queueAnomalies(queue)) {
      if (found.kind === "duplicate") continue;
      anomalies.push({ kind: found.kind, partition: found.partition, offset: found.offset, step: found.step, detail: `${queue.topic} topic: ${found.detail}` });
    }
  }
  return anomalies;
}

export const queueChecker: Checker = {
  name: "queue-anomalies",
  class: "safety",
  check: (view) => (queuesClean(view) ? [] : simulatedQueueAnomalies(view)),
};
