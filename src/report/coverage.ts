/**
 * Fault coverage: which faults actually hit, and at which runtime phase, across the schedules
 * of a run. Counted from histories (and the schedule's intents and fault mix), never from the
 * world's internals. Labels are `crash-point:<name>`, `fault:<kind>` and `processor:<name>`;
 * a count is the number of schedules in which the label was reached at least once.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import type { FaultKind } from "../faults/fault-kind.ts";
import { crashPointNames } from "../runtime/task-phase.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";

const lostFault: Record<number, FaultKind> = { 1: "lost-ack", 2: "lost-request", 3: "ambiguous-error" };

/** Labels reached by one schedule. */
export function coverageLabels(schedule: Schedule, view: WorldView): Set<string> {
  const labels = new Set<string>([`processor:${view.config.processor.name}`]);
  const fault = (kind: FaultKind) => labels.add(`fault:${kind}`);
  const data = view.history.data;
  const restoring = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    if (op === Op.crash) labels.add(`crash-point:${crashPointNames[data[i + 2]]}`), fault("crash");
    else if (op === Op.lost) fault(lostFault[data[i + 2]]);
    else if (op === Op.wipe) fault("disk-wipe");
    else if (op === Op.sessionExpired) fault("pause");
    else if (op === Op.truncate) fault("truncation");
    else if (op === Op.restoreStart) restoring.add(data[i + 2]);
    else if (op === Op.restoreEnd) restoring.delete(data[i + 2]);
    else if (op === Op.compact && data[i + 2] > 0) {
      fault("compaction");
      if (restoring.has(data[i + 1] - SendTarget.changelog * 256)) fault("restore-race");
    } else if (op === Op.intent && data[i + 3] === 1) {
      const intent = schedule.intents[data[i + 1]];
      if (intent.k === "retry" && intent.index > 0) fault("reorder");
      else if (intent.k === "join" || intent.k === "leave") fault("rebalance");
      else if (intent.k === "republish") fault("upstream-duplicate");
    }
  }
  if ((schedule.faultMix["no-idempotence"] ?? 0) > 0) fault("no-idempotence");
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
