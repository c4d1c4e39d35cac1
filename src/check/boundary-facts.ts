/**
 * Facts of a run that the broker and the group record on their side of a boundary, which
 * checkers' evidence rules (`verdict.ts`) read to say when a checker cannot have judged
 * nothing. Each is recorded by a different component than the evidence it vouches for (a
 * broker's fetch for a store's commits, say), so losing one record does not lose both.
 * Read only when a checker judged none of something: a scan here is never on a passing
 * run's path.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { isProducerActor, packedCount, slotActor, slotInstance, slotPartition, slotTopic } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";

/** "at step k" or "during heal/drain", for the history record whose step is `step` (0-based intent count before it). */
function when(view: WorldView, step: number): string {
  return step < view.history.stepCount ? `at step ${step + 1}` : "during heal/drain";
}

/** Whether history record `op`, `a` is an instance's fetch of input (the broker's `Op.fetch`; a producer's is not). */
export function isInstanceInputFetch(op: number, a: number): boolean {
  return op === Op.fetch && slotTopic(a) === SendTarget.input && !isProducerActor(slotActor(a));
}

/**
 * The first input a reference-runtime instance read, as the broker recorded it (`Op.fetch`),
 * described; null when no instance read input, or when a user's service ran (its reads say
 * nothing about eosim's store records: its store records none).
 */
export function runtimeInputRead(view: WorldView): string | null {
  if (view.config.service !== undefined) return null;
  const data = view.history.data;
  let step = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === Op.intent) step = data[i + 1] + 1;
    if (!isInstanceInputFetch(data[i], data[i + 1])) continue;
    return `the broker recorded instance ${slotActor(data[i + 1])} reading input of partition ${slotPartition(data[i + 1])} ${when(view, step)}`;
  }
  return null;
}

/**
 * The first local store a reference-runtime instance went on with, described: the runtime
 * recorded resuming a partition from its disk (`Op.resume`) and the broker then recorded the
 * instance reading that partition's input, before the instance crashed, lost its disk or
 * restored the partition. Null when none did, or when a user's service ran (it records no
 * resumes). The disk's own record of handing the store out (`Op.storeOpen`) is what it vouches
 * for: without it a stale store reused would go unjudged.
 */
export function runtimeStoreResumed(view: WorldView): string | null {
  if (view.config.service !== undefined) return null;
  const { partitions } = view.config;
  const resumed = new Uint8Array(view.config.instances * partitions);
  const data = view.history.data;
  let step = 0;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    const a = data[i + 1];
    if (op === Op.intent) step = a + 1;
    else if (op === Op.resume) resumed[a * partitions + data[i + 2]] = 1;
    else if (op === Op.storeRestore) resumed[slotInstance(a) * partitions + slotPartition(a)] = 0;
    else if (op === Op.crash || op === Op.exit || op === Op.wipe) resumed.fill(0, a * partitions, (a + 1) * partitions);
    else if (isInstanceInputFetch(op, a) && resumed[slotActor(a) * partitions + slotPartition(a)] === 1) {
      return `instance ${slotActor(a)} resumed partition ${slotPartition(a)} from its local store and the broker recorded it reading that partition's input ${when(view, step)}`;
    }
  }
  return null;
}

/** The first batch the broker appended to the output topic (`Op.append`), described; null when none was. */
export function outputAppended(view: WorldView): string | null {
  const data = view.history.data;
  let step = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === Op.intent) step = data[i + 1] + 1;
    if (data[i] !== Op.append || slotTopic(data[i + 1]) !== SendTarget.output || data[i + 2] < 0 || packedCount(data[i + 3]) === 0) continue;
    return `the broker recorded appending ${packedCount(data[i + 3])} record(s) to output partition ${slotPartition(data[i + 1])} ${when(view, step)}`;
  }
  return null;
}

/** The first input partition the broker's log holds records of (its archive of every append), described; null when none. */
export function inputAppended(view: WorldView): string | null {
  const partition = view.inputArchive.findIndex((records) => records.length > 0);
  return partition < 0 ? null : `the broker's input partition ${partition} holds ${view.inputArchive[partition].length} appended record(s)`;
}

/** The first partition whose committed offset the group holds (an accepted commit), described; null when none. */
export function groupCommitHeld(view: WorldView): string | null {
  const partition = view.committed.findIndex((committed) => committed.offset >= 0);
  return partition < 0 ? null : `the group holds committed offset ${view.committed[partition].offset} for partition ${partition}`;
}
