/**
 * The simulated topics as queue histories, so the Jepsen queue checks run on every schedule.
 *
 * Read back from the run's integer history and final logs; nothing extra is recorded while a
 * schedule runs, so passing runs pay only for this translation.
 *
 * - Input topic: sends are the upstream producers' appends; polls are the instances' fetches
 *   as the broker recorded them (`Op.fetch`). An instance's position legitimately jumps when
 *   it crashes, restarts, is wiped, loses its session, leaves or joins, takes part in a
 *   rebalance, or is fenced (the broker refused its write with an old epoch, after which it
 *   asks the group for its partitions again), so each of those is a `rebalance` of that
 *   instance in queue terms. Every partition a service starts comes after one of them. A pause
 *   alone is not: a paused instance that resumes must go on where it was. The final log is every record ever appended (retention
 *   truncates only what the group committed, so a truncated offset is no gap to skip).
 * - Output topic: sends are the instances' output batches. Nobody consumes outputs inside the
 *   simulation, so a downstream reader polls each partition's final log once after the drain.
 *
 * Senders are named by topic ("upstream", "service"), not by process: on an append-only
 * partition the order check is the same.
 * Whether a sender was told its send succeeded comes from the `Op.lost` record the faulty
 * network writes just before the broker's `Op.append` of the same request.
 *
 * The changelog is left to the restoration checker: compaction removes superseded records by
 * design, so "acknowledged but never read" is the cleaner's job there, not an anomaly.
 */
import type { LogRecord } from "../broker/log-record.ts";
import { SendOutcome, SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { isProducerActor, packedCount, packedOutcome, slotActor, slotPartition, slotTopic } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";
import type { QueueHistory, QueueOp } from "./queue-history.ts";

/** Ops after which an instance's input position may jump (field `a` is the instance). */
export const instanceResets = new Uint8Array(256);
// A seek (a user's service moving its consumer) resets the reader too: jumping there is its intent.
for (const op of [Op.crash, Op.exit, Op.restart, Op.wipe, Op.sessionExpired, Op.leave, Op.join, Op.seek]) instanceResets[op] = 1;

/** The instance whose write the broker refused as fenced in the append record at `i`, or -1. */
export function fencedWriter(data: readonly number[], i: number): number {
  if (data[i + 2] >= 0 || packedOutcome(data[i + 3]) !== SendOutcome.fenced) return -1;
  const actor = slotActor(data[i + 1]);
  return isProducerActor(actor) ? -1 : actor;
}

/** The input and output topics of a finished run as queue histories. */
export function simulatedQueues(view: WorldView): { readonly input: QueueHistory; readonly output: QueueHistory } {
  const inputOps: QueueOp[] = [];
  const outputOps: QueueOp[] = [];
  const data = view.history.data;
  const instances = view.config.instances;
  const outputLog = finalLogOf(view.output, (r) => r.key);
  const names = Array.from({ length: instances }, (_, m) => `instance-${m}`);
  let step = 1;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    const a = data[i + 1];
    if (op === Op.intent) step = a + 2;
    else if (op === Op.fetch) {
      if (slotTopic(a) !== SendTarget.input) continue;
      const partition = slotPartition(a);
      const records = [];
      // Input offsets are dense (retention only moves the start), so a fetch is a run of offsets.
      for (let offset = data[i + 2]; offset < data[i + 2] + data[i + 3]; offset++) records.push({ offset, value: inputValueAt(view.inputArchive[partition], offset) });
      inputOps.push({ type: "poll", process: names[slotActor(a)], partition, records, index: step });
    } else if (op === Op.rebalance) {
      for (const name of names) inputOps.push({ type: "rebalance", process: name, index: step });
    } else if (instanceResets[op] === 1) {
      inputOps.push({ type: "rebalance", process: names[a], index: step });
    } else if (op === Op.append) {
      const fenced = fencedWriter(data, i);
      if (fenced >= 0) inputOps.push({ type: "rebalance", process: names[fenced], index: step });
      const topic = slotTopic(a);
      if (topic === SendTarget.changelog) continue;
      const first = data[i + 2];
      if (first < 0) continue; // refused: nothing landed, and the sender knows it
      // A fault on the reply (lost ACK, ambiguous error) is recorded just before the append of
      // the same request. A request lost before the broker has no append at all, so a lost
      // request just before an append belongs to an earlier request (often the one this retries).
      const acked = !(data[i - 4] === Op.lost && data[i - 3] === topic && data[i - 2] !== SendOutcome.notAppended);
      const partition = slotPartition(a);
      const count = packedCount(data[i + 3]);
      for (let offset = first; offset < first + count; offset++) {
        if (topic === SendTarget.input) {
          inputOps.push({ type: "send", process: "upstream", partition, value: inputValueAt(view.inputArchive[partition], offset), offset, acked, index: step });
        } else {
          outputOps.push({ type: "send", process: "service", partition, value: outputLog.get(partition)!.get(offset) ?? `<missing output ${offset}>`, offset, acked, index: step });
        }
      }
    }
  }
  for (let p = 0; p < view.output.length; p++) {
    const records = view.output[p].map((r) => ({ offset: r.offset, value: r.key }));
    outputOps.push({ type: "poll", process: "downstream", partition: p, records, index: step });
  }
  return {
    input: { topic: "input", ops: inputOps, finalLog: finalLogOf(view.inputArchive, (r) => r.value!.dedupeId) },
    output: { topic: "output", ops: outputOps, finalLog: outputLog },
  };
}

function inputValueAt(archive: readonly LogRecord<{ readonly dedupeId: string }>[], offset: number): string {
  // Input offsets are dense from 0 and the archive keeps every record, so index = offset.
  const record = archive[offset];
  return record !== undefined && record.offset === offset ? record.value!.dedupeId : `<missing input ${offset}>`;
}

function finalLogOf<V>(logs: readonly (readonly LogRecord<V>[])[], valueOf: (r: LogRecord<V>) => string): Map<number, Map<number, string>> {
  const final = new Map<number, Map<number, string>>();
  logs.forEach((records, p) => final.set(p, new Map(records.map((r) => [r.offset, valueOf(r)]))));
  return final;
}
