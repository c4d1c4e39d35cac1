/**
 * Fault coverage: which faults actually hit, and at which runtime phase, across the schedules
 * of a run. Counted from histories (and the schedule's intents and fault mix), never from the
 * world's internals. Labels are `crash-point:<name>`, `fault:<kind>` and `processor:<name>`;
 * a count is the number of schedules in which the label was reached at least once. What
 * counts as a fault kind having bitten is its module's `coverage`.
 */
import { Op } from "../core/history.ts";
import { faultModule } from "../faults/catalogue.ts";
import type { LooseIntent } from "../faults/fault-intent.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import type { CoverageRun, RecordTest } from "../faults/fault-module.ts";
import { crashPointNames } from "../runtime/task-phase.ts";
import { serviceCrashPoints } from "../service/life.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";

// Built once: this runs over every record of every schedule's history.
const faultLabels = faultKinds.map((kind) => `fault:${kind}`);
const crashPointLabel = crashPointNames.map((name) => `crash-point:${name}`);
const serviceCrashPointLabel = serviceCrashPoints.map((name) => `crash-point:${name}`);
const processorLabels = new Map<string, string>();
/** Kinds reached whenever their weight in the run is above 0 (run settings). */
const settingKinds: number[] = [];
/** `recordKinds[op]`: the kinds whose coverage reads records of `op`. */
const recordKinds: number[][] = [];
faultKinds.forEach((kind, k) => {
  const coverage = faultModule(kind).coverage;
  if ("whenOn" in coverage) settingKinds.push(k);
  else for (const op of coverage.ops) (recordKinds[op] ??= []).push(k);
});
const anyRecord: RecordTest = () => true;

function processorLabel(name: string): string {
  let label = processorLabels.get(name);
  if (label === undefined) processorLabels.set(name, (label = `processor:${name}`));
  return label;
}

/** Each record-reading kind's test for this run (null for setting kinds). */
function recordTests(schedule: Schedule, view: WorldView): (RecordTest | null)[] {
  const run: CoverageRun = { partitions: view.config.partitions, intentAt: (index): LooseIntent => schedule.intents[index] };
  return faultKinds.map((kind) => {
    const coverage = faultModule(kind).coverage;
    if ("whenOn" in coverage) return null;
    return coverage.bit === undefined ? anyRecord : coverage.bit(run);
  });
}

/** Labels reached by one schedule. */
export function coverageLabels(schedule: Schedule, view: WorldView): Set<string> {
  const labels = new Set<string>([processorLabel(view.config.processor.name)]);
  const tests = recordTests(schedule, view);
  const reached = new Uint8Array(faultKinds.length);
  const data = view.history.data;
  const pointLabels = view.config.service === undefined ? crashPointLabel : serviceCrashPointLabel;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    if (op === Op.crash) labels.add(pointLabels[data[i + 2]]);
    const kinds = recordKinds[op];
    if (kinds === undefined) continue;
    for (const k of kinds) {
      if (reached[k] === 0 && tests[k]!(op, data[i + 1], data[i + 2], data[i + 3])) {
        reached[k] = 1;
        labels.add(faultLabels[k]);
      }
    }
  }
  for (const k of settingKinds) if ((schedule.faultMix[faultKinds[k]] ?? 0) > 0) labels.add(faultLabels[k]);
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
