/**
 * Fault coverage: which faults actually hit, and at which runtime phase, across the schedules
 * of a run. Counted from histories (and the schedule's intents and fault mix), never from the
 * world's internals. Labels are `crash-point:<name>`, `fault:<kind>` and `processor:<name>`;
 * a count is the number of schedules in which the label was reached at least once. What
 * counts as a fault kind having bitten is its module's `coverage`.
 *
 * Beside them, two counts per fault kind measure how well generation aims it: `weighted:<kind>`,
 * the schedules whose fault mix gives the kind a weight above 0, and `effective:<kind>`, those
 * of them in which it bit. Not `fault:<kind>` over `weighted:<kind>`: other kinds' intents and
 * settings leave the same records (instance deaths, lost sends, compactions), so a kind's
 * label is also reached in schedules that do not weigh it, and that ratio is no share of the
 * schedules that do (in 2,000 bank-ledger schedules, `fault:crash` was reached in 188 that
 * weighed crash 0). Both are counted with the other labels, so chunks and shard reports add
 * them up the same way, but they are not labels reached: the JSON summary's `coverage` leaves
 * them out (`reachedCounts`); `report/coverage-shares.ts` turns them into shares.
 *
 * And one count per crash point and fault kind, `joint:<point>|<kind>`: the schedules in which
 * an instance crashed at the point and the kind bit, which the run report's coverage table
 * shows (a point reached only in calm schedules was never tested under, say, lost ACKs).
 * Counted, merged and left out of the summary's `coverage` like the share counts.
 *
 * And for a user's service, one count per crash point, `stood-at:<point>`: the schedules in
 * which some instance stood at the point (a crash there was possible, `WorldView.stoodAt`, or
 * one crashed there). A point no schedule stood at is no point of that service (it never
 * leaves the group, keeps no local store, ...): `coverage-shares.ts` lists it apart instead
 * of as a gap.
 */
import { judgesRead } from "../check/monotonic-reads.ts";
import { Op } from "../core/history.ts";
import { faultModule } from "../faults/catalogue.ts";
import type { LooseIntent } from "../faults/fault-intent.ts";
import { faultKinds } from "../faults/fault-kind.ts";
import type { CoverageRun, RecordTest } from "../faults/fault-module.ts";
import { crashPointNames } from "../runtime/task-phase.ts";
import { serviceCrashPoints } from "../service/life.ts";
import type { Schedule } from "../schedule/intent.ts";
import type { WorldView } from "../sim/world-view.ts";

/** The label counting the schedules whose fault mix weights `kind` above 0. */
export function weightedLabel(kind: string): string {
  return `weighted:${kind}`;
}

/** The label counting the schedules whose fault mix weights `kind` above 0 and in which it bit. */
export function effectiveLabel(kind: string): string {
  return `effective:${kind}`;
}

/** The label counting the schedules that crashed an instance at crash point `point` and in which fault kind `kind` bit. */
export function jointLabel(point: string, kind: string): string {
  return `joint:${point}|${kind}`;
}

/**
 * The label counting the schedules in which the monotonic-reads checker had a read to judge:
 * a scenario that names a reader or table its service never reads (a typo) judges nothing in
 * every schedule, which `coverage-warnings.ts` says rather than letting it pass.
 */
export const judgedReadsLabel = "judged:monotonic-reads";

/** The label counting the schedules in which some instance of a service stood at crash point `point`. */
export function stoodAtLabel(point: string): string {
  return `stood-at:${point}`;
}

/** Whether `label` is one of the per-kind or joint counts above rather than a label reached. */
function isShareCount(label: string): boolean {
  return label.startsWith("weighted:") || label.startsWith("effective:") || label.startsWith("joint:") || label.startsWith("stood-at:") || label === judgedReadsLabel;
}

// Built once: this runs over every record of every schedule's history.
const faultLabels = faultKinds.map((kind) => `fault:${kind}`);
const weightedLabels = faultKinds.map(weightedLabel);
const effectiveLabels = faultKinds.map(effectiveLabel);
const crashPointLabel = crashPointNames.map((name) => `crash-point:${name}`);
const serviceCrashPointLabel = serviceCrashPoints.map((name) => `crash-point:${name}`);
const crashPointJoint = crashPointNames.map((point) => faultKinds.map((kind) => jointLabel(point, kind)));
const serviceStoodAtLabel = serviceCrashPoints.map(stoodAtLabel);
const serviceCrashPointJoint = serviceCrashPoints.map((point) => faultKinds.map((kind) => jointLabel(point, kind)));
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

/** Labels reached by one schedule, and `weighted:<kind>` (and `effective:<kind>`) for each kind its mix weights. */
export function coverageLabels(schedule: Schedule, view: WorldView): Set<string> {
  const labels = new Set<string>([processorLabel(view.config.processor.name)]);
  const tests = recordTests(schedule, view);
  const reached = new Uint8Array(faultKinds.length);
  const data = view.history.data;
  const service = view.config.service !== undefined;
  const pointLabels = service ? serviceCrashPointLabel : crashPointLabel;
  let points: number[] | null = null;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    if (op === Op.crash) {
      labels.add(pointLabels[data[i + 2]]);
      // A crash that hit a point stood there, though what it killed never settled.
      if (service) labels.add(serviceStoodAtLabel[data[i + 2]]);
      (points ??= []).push(data[i + 2]);
    }
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
  if (points !== null) addJoint(labels, points, service ? serviceCrashPointJoint : crashPointJoint);
  for (let code = 0, mask = view.stoodAt; mask !== 0; code++, mask >>>= 1) if ((mask & 1) !== 0) labels.add(serviceStoodAtLabel[code]);
  const judged = view.config.service?.monotonicReads;
  if (judged !== undefined && judged !== null && view.reads.some((fact) => judgesRead(judged, fact))) labels.add(judgedReadsLabel);
  faultKinds.forEach((kind, k) => {
    if ((schedule.faultMix[kind] ?? 0) === 0) return;
    labels.add(weightedLabels[k]);
    if (labels.has(faultLabels[k])) labels.add(effectiveLabels[k]);
  });
  return labels;
}

/** The joint labels of the crash points in `points` with every fault kind `labels` holds as bitten. */
function addJoint(labels: Set<string>, points: readonly number[], joint: readonly (readonly string[])[]): void {
  faultKinds.forEach((_, k) => {
    if (!labels.has(faultLabels[k])) return;
    for (const point of points) {
      const label = joint[point]?.[k];
      if (label !== undefined) labels.add(label);
    }
  });
}

/** Coverage counts accumulated over many schedules. */
export class Coverage {
  readonly counts = new Map<string, number>();

  /** Count the labels one schedule reached. */
  add(schedule: Schedule, view: WorldView): void {
    for (const label of coverageLabels(schedule, view)) this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** Every count as a plain sorted object (for JSON: a chunk's counts, which a merge adds up). */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The counts of labels reached, without `weighted:` and `effective:` (a summary's `coverage`, unchanged by them). */
  reachedCounts(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.toJSON()).filter(([label]) => !isShareCount(label)));
  }
}
