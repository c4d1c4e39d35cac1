/**
 * A quick pass that proves a run has no queue anomaly, so passing runs (nearly all of them)
 * skip building queue histories: the full check costs about a tenth of a schedule's time,
 * this pass a few integer comparisons per history record.
 *
 * It accepts a run only under conditions that imply the full check (`queue-checker.ts`)
 * finds nothing but duplicates, each stronger than what that check needs:
 * - every input offset ever appended was polled (so no acknowledged input is unread);
 * - each instance reads each partition at offset a + 1 after a, unless its position was
 *   reset (input offsets are dense and the final log keeps them all, so any other step is a
 *   gap or a step back);
 * - every output record ever appended is still in the final output log at its offset (the
 *   downstream reader reads that log whole, and every observation of an offset agrees);
 * - appends to a partition land at increasing offsets.
 * Anything else goes to the full check, which decides and explains.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { packedCount, slotActor, slotPartition, slotTopic } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";
import { fencedWriter, instanceResets } from "./simulated-queues.ts";
import type { EvidenceTally } from "./verdict.ts";

/**
 * True when `view` certainly has no queue anomaly other than `duplicate`; then `evidence`
 * gets what was judged (records sent to the input and output topics, input records read).
 */
export function queuesClean(view: WorldView, evidence?: EvidenceTally): boolean {
  const { partitions, instances } = view.config;
  const data = view.history.data;
  const polled = view.inputArchive.map((archive) => new Uint8Array(archive.length));
  // last offset each instance read from each partition since its last reset; -1: none yet
  const last = new Int32Array(instances * partitions).fill(-1);
  const lastAppend = new Int32Array(3 * partitions).fill(-1);
  let sends = 0;
  let reads = 0;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    const a = data[i + 1];
    if (op === Op.fetch) {
      if (slotTopic(a) !== SendTarget.input) continue;
      const partition = slotPartition(a);
      const at = slotActor(a) * partitions + partition;
      reads += data[i + 3];
      for (let offset = data[i + 2]; offset < data[i + 2] + data[i + 3]; offset++) {
        if (last[at] >= 0 && offset !== last[at] + 1) return false;
        last[at] = offset;
        if (offset >= polled[partition].length) return false;
        polled[partition][offset] = 1;
      }
    } else if (op === Op.rebalance) {
      last.fill(-1);
    } else if (instanceResets[op] === 1) {
      last.fill(-1, a * partitions, (a + 1) * partitions);
    } else if (op === Op.append) {
      const fenced = fencedWriter(data, i);
      if (fenced >= 0) last.fill(-1, fenced * partitions, (fenced + 1) * partitions);
      const topic = slotTopic(a);
      if (data[i + 2] < 0 || topic === SendTarget.changelog) continue;
      const first = data[i + 2];
      const slot = topic * partitions + slotPartition(a);
      if (first <= lastAppend[slot]) return false;
      lastAppend[slot] = first;
      sends += packedCount(data[i + 3]);
      if (topic === SendTarget.output && !outputsKept(view, slotPartition(a), first, packedCount(data[i + 3]))) return false;
    }
  }
  for (const flags of polled) if (flags.indexOf(0) >= 0) return false;
  if (evidence !== undefined) {
    evidence.sends = sends;
    evidence.reads = reads;
  }
  return true;
}

function outputsKept(view: WorldView, partition: number, first: number, count: number): boolean {
  const records = view.output[partition];
  for (let offset = first; offset < first + count; offset++) if (records[offset]?.offset !== offset) return false;
  return true;
}
