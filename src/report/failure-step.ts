/**
 * The failure point of a failing run, which a repro file records and a replay compares
 * against: the earliest step at which the run first polled an input that an anomaly points at
 * (the first divergent input, the cause of a lost or duplicated output, ...), or the end of
 * the intents when no input is to blame. A replay whose history differs before that step has
 * diverged (`replay.ts`).
 */
import type { RunVerdict } from "../check/all-checkers.ts";
import type { Anomaly } from "../check/verdict.ts";
import { SendTarget } from "../broker/send-outcome.ts";
import { type History, Op } from "../core/history.ts";
import { slotPartition, slotTopic } from "../core/packed-fields.ts";
import type { WorldView } from "../sim/world-view.ts";

/** Step (1-based) of the first fetch of input `partition` that returned `offset`, or null. */
export function firstPollStep(history: History, partition: number, offset: number): number | null {
  const data = history.data;
  let step = 1;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === Op.intent) step = data[i + 1] + 2;
    else if (data[i] === Op.fetch && slotTopic(data[i + 1]) === SendTarget.input && slotPartition(data[i + 1]) === partition && data[i + 2] <= offset && offset < data[i + 2] + data[i + 3]) return step;
  }
  return null;
}

/** The input an anomaly points at, as (partition, offset), if any. */
function inputOf(view: WorldView, anomaly: Anomaly): { partition: number; offset: number } | null {
  if (anomaly.dedupeId !== undefined) {
    for (let partition = 0; partition < view.inputArchive.length; partition++) {
      const record = view.inputArchive[partition].find((r) => r.value?.dedupeId === anomaly.dedupeId);
      if (record !== undefined) return { partition, offset: record.offset };
    }
  }
  // Input-side checkers (state, restoration, offsets) report the input partition and offset.
  if (anomaly.partition !== undefined && anomaly.offset !== undefined && !anomaly.kind.endsWith("-output")) {
    return { partition: anomaly.partition, offset: anomaly.offset };
  }
  return null;
}

/** The failure point of a failing run (see the module header): the earliest first poll of an input an anomaly points at. */
export function failureStepOf(view: WorldView, run: RunVerdict): number {
  const end = view.history.stepHashes.length + 1;
  let earliest = end;
  for (const verdict of run.verdicts) {
    for (const anomaly of verdict.anomalies) {
      const input = inputOf(view, anomaly);
      const step = input === null ? null : firstPollStep(view.history, input.partition, input.offset);
      if (step !== null) earliest = Math.min(earliest, step);
    }
  }
  return earliest;
}
