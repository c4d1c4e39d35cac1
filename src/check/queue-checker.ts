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
 *
 * Evidence: `sends`, the records sent to the input and output topics, and `reads`, the input
 * records instances read. The broker keeps an archive of every input record appended apart
 * from its append records, so a run whose archive holds one has some `sends` once the input
 * topic is judged (after a drain that converged). Reads are the service's doing: a service
 * that reads nothing leaves its input `unseen`.
 */
import type { WorldView } from "../sim/world-view.ts";
import { inputAppended } from "./boundary-facts.ts";
import { queueAnomalies } from "./queue-anomalies.ts";
import type { QueueHistory } from "./queue-history.ts";
import { queuesClean } from "./queue-fast-path.ts";
import { simulatedQueues } from "./simulated-queues.ts";
import type { Anomaly, Checker, EvidenceTally } from "./verdict.ts";

/** Count what the full check judges of `queue`: its sends, and its polls' records when `reads` (the input topic). */
function tally(queue: QueueHistory, evidence: EvidenceTally, reads: boolean): void {
  for (const op of queue.ops) {
    if (op.type === "send") evidence.sends++;
    else if (op.type === "poll" && reads) evidence.reads += op.records.length;
  }
}

/** The queue anomalies of a run, from its full queue histories (no fast path); `evidence` gets what they judged. */
export function simulatedQueueAnomalies(view: WorldView, evidence: EvidenceTally = {}): Anomaly[] {
  const { input, output } = simulatedQueues(view);
  evidence.sends = 0;
  evidence.reads = 0;
  const anomalies: Anomaly[] = [];
  // "Never read" means something only after a drain that finished; one that did not is the
  // liveness checker's failure, not a lost input.
  for (const queue of view.drain.converged ? [input, output] : [output]) {
    tally(queue, evidence, queue === input);
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
  mustJudge: [{ what: "sends", required: (view) => (view.drain.converged ? inputAppended(view) : null) }],
  check: (view, _context, evidence) => (queuesClean(view, evidence) ? [] : simulatedQueueAnomalies(view, evidence)),
};
