/**
 * Queue anomalies: the Jepsen queue-workload checks over a {@link QueueHistory}. A log that
 * delivers exactly once shows every acknowledged value at exactly one offset, every offset with
 * exactly one value, every consumer reading forward without gaps until it is rebalanced, and
 * every acknowledged send read by somebody once the drain is over. Each way that can fail has
 * its own kind, so a report says what broke rather than only that something did.
 *
 * Observations. A value is observed at an offset by a send that landed there (acknowledged or
 * not: `offset` is where it really landed), by a poll that returned it there, or by the final
 * log. A value is "read" in a partition when some poll of that partition returned it, at any
 * offset. The history must include the polls of the final drain: `unseen` means "never read".
 *
 * Definitions, per topic partition:
 * - `duplicate`: one value observed at two or more offsets. Reported once per value, at the
 *   second-lowest offset (the first extra copy).
 * - `inconsistent-offsets`: one offset observed with two or more values. Reported once per offset.
 * - `lost-write`: an acknowledged send that landed (non-null offset) strictly below the highest
 *   offset any poll of the partition returned, whose value no poll ever read. This holds whether
 *   or not the value is still in the final log: either the log dropped it or every consumer went
 *   past it, and to readers it is lost both ways; the detail says which (a record still in the
 *   final log usually also shows as `poll-skip`).
 * - `unseen`: an acknowledged send whose value no poll ever read and that is not a lost-write:
 *   it landed at or above the highest polled offset, or its offset is unknown (null), or the
 *   partition was never polled. Lost-write and unseen are reported once per value, and a value
 *   with any send qualifying as lost-write is a lost-write only.
 * - `poll-skip`: two successive records one process polled from a partition (within one poll
 *   or across its successive polls) whose offsets jump from a to b > a + 1 while the final log
 *   holds a record at some offset strictly between them, with no `rebalance` of that process
 *   in between. Offsets absent from the final log (never written, compacted) are no gap.
 *   Reported at the first skipped offset.
 * - `nonmonotonic-poll`: two such successive records whose offsets go backwards or repeat
 *   (b <= a), with no rebalance of that process in between. Reported at b.
 * - `nonmonotonic-send`: a process's acknowledged send to a partition landed at an offset
 *   strictly below that of its previous acknowledged, landed send to the same partition (an
 *   equal offset is an idempotent retry being acknowledged again). Reported at the lower offset.
 *
 * A rebalance resets all of a process's positions: its next poll of any partition may start
 * anywhere. The checker is pure, runs in time linear in the history (plus a sort of each final
 * log's offsets), and does not depend on the simulator.
 */
import type { PollOp, QueueHistory, QueueOp, SendOp } from "./queue-history.ts";

/** Every queue anomaly kind, in report order. */
export const queueAnomalyKinds = [
  "duplicate",
  "lost-write",
  "unseen",
  "poll-skip",
  "nonmonotonic-poll",
  "inconsistent-offsets",
  "nonmonotonic-send",
] as const;

/** A queue anomaly kind (see the module header for the precise definitions). */
export type QueueAnomalyKind = (typeof queueAnomalyKinds)[number];

/** One anomaly found in a queue history. */
export interface QueueAnomaly {
  readonly kind: QueueAnomalyKind;
  readonly partition?: number;
  /** The offset the anomaly is about; see the module header for which one per kind. */
  readonly offset?: number;
  /** `index` of the operation that showed the anomaly, when one did (not the final log). */
  readonly step?: number;
  /** A readable one-liner naming the partition, offset(s), value and process. */
  readonly detail: string;
}

/** All queue anomalies of `history`, ordered by kind, then partition, then offset. */
export function queueAnomalies(history: QueueHistory): QueueAnomaly[] {
  const found = [
    ...positionAnomalies(history),
    ...readAnomalies(history),
    ...pollOrderAnomalies(history),
    ...sendOrderAnomalies(history),
  ];
  return found.sort(byReportOrder);
}

// ---------------------------------------------------------------------------------------------
// duplicate, inconsistent-offsets

/** A value seen at an offset, and by what. */
interface Observation {
  readonly partition: number;
  readonly offset: number;
  readonly value: string;
  readonly step: number | undefined;
  /** The send or poll that saw it, or null for the final log. */
  readonly origin: QueueOp | null;
}

/** E.g. "poll by instance-1 at step 4" or "the final log"; built only for reports. */
function sourceOf(seen: Observation): string {
  const origin = seen.origin;
  return origin === null ? "the final log" : `${origin.type} by ${origin.process}${atStep(origin.index)}`;
}

/** Every observation of the history: operations in order, then the final log. */
function* observations(history: QueueHistory): Generator<Observation> {
  for (const op of history.ops) {
    if (op.type === "send" && op.offset !== null) {
      yield { partition: op.partition, offset: op.offset, value: op.value, step: op.index, origin: op };
    } else if (op.type === "poll") {
      for (const { offset, value } of op.records) yield { partition: op.partition, offset, value, step: op.index, origin: op };
    }
  }
  for (const [partition, log] of history.finalLog) {
    for (const [offset, value] of log) yield { partition, offset, value, step: undefined, origin: null };
  }
}

/** Duplicates and inconsistent offsets, from one pass over the observations. */
function positionAnomalies(history: QueueHistory): QueueAnomaly[] {
  // partition -> value -> offset -> first observation, and partition -> offset -> value -> first
  const offsetsOfValue = new Map<number, Map<string, Map<number, Observation>>>();
  const valuesAtOffset = new Map<number, Map<number, Map<string, Observation>>>();
  for (const seen of observations(history)) {
    const byOffset = getOrCreate(getOrCreate(offsetsOfValue, seen.partition, () => new Map()), seen.value, () => new Map());
    if (!byOffset.has(seen.offset)) byOffset.set(seen.offset, seen);
    const byValue = getOrCreate(getOrCreate(valuesAtOffset, seen.partition, () => new Map()), seen.offset, () => new Map());
    if (!byValue.has(seen.value)) byValue.set(seen.value, seen);
  }
  const out: QueueAnomaly[] = [];
  for (const values of offsetsOfValue.values()) {
    for (const byOffset of values.values()) if (byOffset.size > 1) out.push(duplicate(history.topic, byOffset));
  }
  for (const offsets of valuesAtOffset.values()) {
    for (const byValue of offsets.values()) if (byValue.size > 1) out.push(inconsistentOffset(history.topic, byValue));
  }
  return out;
}

/** The duplicate anomaly of one value seen at the offsets keyed in `byOffset` (two or more). */
function duplicate(topic: string, byOffset: ReadonlyMap<number, Observation>): QueueAnomaly {
  const offsets = [...byOffset.keys()].sort((a, b) => a - b);
  const extra = byOffset.get(offsets[1])!;
  return {
    kind: "duplicate",
    partition: extra.partition,
    offset: extra.offset,
    step: extra.step,
    detail: `value ${quote(extra.value)} appears at offsets ${offsets.join(", ")} of ${where(topic, extra.partition)} (offset ${extra.offset} first seen in ${sourceOf(extra)})`,
  };
}

/** The inconsistent-offsets anomaly of one offset seen with the values keyed in `byValue`. */
function inconsistentOffset(topic: string, byValue: ReadonlyMap<string, Observation>): QueueAnomaly {
  const seen = [...byValue.values()];
  const { partition, offset } = seen[0];
  const values = seen.map((o) => `${quote(o.value)} (${sourceOf(o)})`).join(", ");
  return {
    kind: "inconsistent-offsets",
    partition,
    offset,
    step: seen[1].step,
    detail: `offset ${offset} of ${where(topic, partition)} holds different values: ${values}`,
  };
}

// ---------------------------------------------------------------------------------------------
// lost-write, unseen

/** What the polls of one partition read. */
interface PartitionReads {
  maxOffset: number;
  readonly values: Set<string>;
}

/** The reads of every polled partition. */
function pollReads(history: QueueHistory): Map<number, PartitionReads> {
  const reads = new Map<number, PartitionReads>();
  for (const op of history.ops) {
    if (op.type !== "poll") continue;
    const read = getOrCreate(reads, op.partition, () => ({ maxOffset: -1, values: new Set<string>() }));
    for (const { offset, value } of op.records) {
      read.values.add(value);
      if (offset > read.maxOffset) read.maxOffset = offset;
    }
  }
  return reads;
}

/** Acknowledged sends never read: lost-write when polls went past them, otherwise unseen. */
function readAnomalies(history: QueueHistory): QueueAnomaly[] {
  const reads = pollReads(history);
  // partition -> value -> its anomaly, so each value is reported once
  const reported = new Map<number, Map<string, QueueAnomaly>>();
  for (const op of history.ops) {
    if (op.type !== "send" || !op.acked) continue;
    const read = reads.get(op.partition);
    if (read?.values.has(op.value)) continue;
    const byValue = getOrCreate(reported, op.partition, () => new Map());
    const earlier = byValue.get(op.value);
    if (earlier?.kind === "lost-write") continue;
    if (isPolledPast(op, read)) byValue.set(op.value, lostWrite(history, op, read!.maxOffset));
    else if (earlier === undefined) byValue.set(op.value, unseen(history.topic, op, read));
  }
  return [...reported.values()].flatMap((byValue) => [...byValue.values()]);
}

/** Whether `send` landed strictly below the highest offset the polls of its partition returned. */
function isPolledPast(send: SendOp, read: PartitionReads | undefined): boolean {
  return send.offset !== null && read !== undefined && send.offset < read.maxOffset;
}

function lostWrite(history: QueueHistory, send: SendOp, maxPolled: number): QueueAnomaly {
  const offset = send.offset!;
  const inLog = history.finalLog.get(send.partition)?.get(offset) === send.value;
  const fate = inLog ? "it is still in the final log, so every consumer went past it" : "it is absent from the final log";
  return {
    kind: "lost-write",
    partition: send.partition,
    offset,
    step: send.index,
    detail: `acknowledged send of ${quote(send.value)} by ${send.process}${atStep(send.index)} landed at offset ${offset} of ${where(history.topic, send.partition)} but no poll read it, though polls reached offset ${maxPolled}; ${fate}`,
  };
}

function unseen(topic: string, send: SendOp, read: PartitionReads | undefined): QueueAnomaly {
  const landed = send.offset === null ? "was never appended" : `landed at offset ${send.offset}`;
  const polled = read === undefined ? "no poll of the partition happened" : `polls reached offset ${read.maxOffset}`;
  return {
    kind: "unseen",
    partition: send.partition,
    ...(send.offset === null ? {} : { offset: send.offset }),
    step: send.index,
    detail: `acknowledged send of ${quote(send.value)} by ${send.process}${atStep(send.index)} to ${where(topic, send.partition)} ${landed} and no poll ever read it (${polled})`,
  };
}

// ---------------------------------------------------------------------------------------------
// poll-skip, nonmonotonic-poll

/** Gaps and backward steps between the successive records each process polled. */
function pollOrderAnomalies(history: QueueHistory): QueueAnomaly[] {
  const logOffsets = sortedLogOffsets(history);
  // process -> partition -> offset of the last record it polled since its last rebalance
  const positions = new Map<string, Map<number, number>>();
  const out: QueueAnomaly[] = [];
  for (const op of history.ops) {
    if (op.type === "rebalance") positions.delete(op.process);
    if (op.type !== "poll") continue;
    const mine = getOrCreate(positions, op.process, () => new Map());
    for (const record of op.records) {
      const previous = mine.get(op.partition);
      const found = previous === undefined ? undefined : pollStep(history, logOffsets.get(op.partition) ?? [], op, previous, record);
      if (found !== undefined) out.push(found);
      mine.set(op.partition, record.offset);
    }
  }
  return out;
}

/** The anomaly, if any, of `poll` reading `record` right after offset `previous`. */
function pollStep(
  history: QueueHistory,
  logOffsets: readonly number[],
  poll: PollOp,
  previous: number,
  record: PollOp["records"][number],
): QueueAnomaly | undefined {
  const topic = history.topic;
  const base = { partition: poll.partition, step: poll.index };
  const who = `poll by ${poll.process}${atStep(poll.index)}`;
  if (record.offset <= previous) {
    return {
      ...base,
      kind: "nonmonotonic-poll",
      offset: record.offset,
      detail: `${who} went back to offset ${record.offset} (${quote(record.value)}) of ${where(topic, poll.partition)} after reading offset ${previous}, with no rebalance in between`,
    };
  }
  const from = firstAbove(logOffsets, previous);
  const to = firstAbove(logOffsets, record.offset - 1);
  if (from >= to) return undefined;
  const skipped = logOffsets[from];
  const skippedValue = history.finalLog.get(poll.partition)!.get(skipped)!;
  return {
    ...base,
    kind: "poll-skip",
    offset: skipped,
    detail: `${who} jumped from offset ${previous} to offset ${record.offset} (${quote(record.value)}) of ${where(topic, poll.partition)}, skipping ${to - from} record(s) of the final log from offset ${skipped} (${quote(skippedValue)}), with no rebalance in between`,
  };
}

/** Each partition's final-log offsets, ascending. */
function sortedLogOffsets(history: QueueHistory): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [partition, log] of history.finalLog) out.set(partition, [...log.keys()].sort((a, b) => a - b));
  return out;
}

/** Index of the first element of ascending `sorted` greater than `x` (its length when none). */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// nonmonotonic-send

/** Acknowledged sends of one process landing below its previous acknowledged send. */
function sendOrderAnomalies(history: QueueHistory): QueueAnomaly[] {
  // process -> partition -> its previous acknowledged, landed send
  const previousSends = new Map<string, Map<number, SendOp>>();
  const out: QueueAnomaly[] = [];
  for (const op of history.ops) {
    if (op.type !== "send" || !op.acked || op.offset === null) continue;
    const mine = getOrCreate(previousSends, op.process, () => new Map());
    const previous = mine.get(op.partition);
    if (previous !== undefined && op.offset < previous.offset!) out.push(nonmonotonicSend(history.topic, previous, op));
    mine.set(op.partition, op);
  }
  return out;
}

function nonmonotonicSend(topic: string, previous: SendOp, send: SendOp): QueueAnomaly {
  return {
    kind: "nonmonotonic-send",
    partition: send.partition,
    offset: send.offset!,
    step: send.index,
    detail: `acknowledged send of ${quote(send.value)} by ${send.process}${atStep(send.index)} landed at offset ${send.offset} of ${where(topic, send.partition)}, below its previous acknowledged send of ${quote(previous.value)} at offset ${previous.offset}${atStep(previous.index)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// helpers

function byReportOrder(a: QueueAnomaly, b: QueueAnomaly): number {
  return (
    queueAnomalyKinds.indexOf(a.kind) - queueAnomalyKinds.indexOf(b.kind) ||
    (a.partition ?? -1) - (b.partition ?? -1) ||
    (a.offset ?? -1) - (b.offset ?? -1)
  );
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => NoInfer<V>): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function where(topic: string, partition: number): string {
  return `partition ${partition} of ${quote(topic)}`;
}

function atStep(step: number): string {
  return ` at step ${step}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
