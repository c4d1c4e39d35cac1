/**
 * Fault coverage: which faults actually hit, and at which runtime phase, across the schedules
 * of a run. Counted from histories (and the schedule's intents and fault mix), never from the
 * world's internals. Labels are `crash-point:<name>`, `fault:<kind>` and `processor:<name>`;
 * a count is the number of schedules in which the label was reached at least once.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { type FaultKind, faultKinds } from "../faults/fault-kind.ts";
import { crashPointNames } from "../runtime/task-phase.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";

const lostFault: Record<number, FaultKind> = { 1: "lost-ack", 2: "lost-request", 3: "ambiguous-error" };

// Labels are built once: this runs over every record of every schedule's history.
const faultLabel = Object.fromEntries(faultKinds.map((kind) => [kind, `fault:${kind}`])) as Record<FaultKind, string>;
const crashPointLabel = crashPointNames.map((name) => `crash-point:${name}`);
const lostLabel: Record<number, string> = Object.fromEntries(Object.entries(lostFault).map(([code, kind]) => [code, faultLabel[kind]]));
const processorLabels = new Map<string, string>();

function processorLabel(name: string): string {
  let label = processorLabels.get(name);
  if (label === undefined) processorLabels.set(name, (label = `processor:${name}`));
  return label;
}

/** Labels reached by one schedule. */
export function coverageLabels(schedule: Schedule, view: WorldView): Set<string> {
  const labels = new Set<string>([processorLabel(view.config.processor.name)]);
  const data = view.history.data;
  // restoring[p] is 1 while changelog partition p is being restored
  const restoring = new Uint8Array(view.config.partitions);
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    if (op === Op.crash) labels.add(crashPointLabel[data[i + 2]]).add(faultLabel.crash);
    else if (op === Op.lost) labels.add(lostLabel[data[i + 2]]);
    else if (op === Op.wipe) labels.add(faultLabel["disk-wipe"]);
    else if (op === Op.sessionExpired) labels.add(faultLabel.pause);
    else if (op === Op.truncate) labels.add(faultLabel.truncation);
    else if (op === Op.restoreStart) restoring[data[i + 2]] = 1;
    else if (op === Op.restoreEnd) restoring[data[i + 2]] = 0;
    else if (op === Op.compact && data[i + 2] > 0) {
      labels.add(faultLabel.compaction);
      if (restoring[data[i + 1] - SendTarget.changelog * 256] === 1) labels.add(faultLabel["restore-race"]);
    } else if (op === Op.intent && data[i + 3] === 1) {
      const intent = schedule.intents[data[i + 1]];
      if (intent.k === "retry" && intent.index > 0) labels.add(faultLabel.reorder);
      else if (intent.k === "join" || intent.k === "leave") labels.add(faultLabel.rebalance);
      else if (intent.k === "republish") labels.add(faultLabel["upstream-duplicate"]);
    }
  }
  if ((schedule.faultMix["no-idempotence"] ?? 0) > 0) labels.add(faultLabel["no-idempotence"]);
  return labels;
}

/** Coverage counts accumulated over many schedules. */
export class Coverage {
  readonly counts = new Map<string, number>();

  /** Count the labels one schedule reached. */
  add(schedule: Schedule, view: WorldView): void {
    for (const label of coverageLabels(schedule, view)) this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** Counts as a plain sorted object (for JSON). */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
