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

// Labels are interned: a schedule's labels are collected by number (`LabelSet`) and counted
// by number, and names are looked up only when the counts are handed out. Built once: this
// runs over every record of every schedule's history.
const labelNames: string[] = [];
const labelIds = new Map<string, number>();

function labelId(label: string): number {
  let id = labelIds.get(label);
  if (id === undefined) {
    id = labelNames.length;
    labelNames.push(label);
    labelIds.set(label, id);
  }
  return id;
}

const faultLabels = faultKinds.map((kind) => labelId(`fault:${kind}`));
const weightedLabels = faultKinds.map((kind) => labelId(weightedLabel(kind)));
const effectiveLabels = faultKinds.map((kind) => labelId(effectiveLabel(kind)));
const crashPointLabel = crashPointNames.map((name) => labelId(`crash-point:${name}`));
const serviceCrashPointLabel = serviceCrashPoints.map((name) => labelId(`crash-point:${name}`));
const crashPointJoint = crashPointNames.map((point) => faultKinds.map((kind) => labelId(jointLabel(point, kind))));
const serviceStoodAtLabel = serviceCrashPoints.map((point) => labelId(stoodAtLabel(point)));
const serviceCrashPointJoint = serviceCrashPoints.map((point) => faultKinds.map((kind) => labelId(jointLabel(point, kind))));
const judgedReadsId = labelId(judgedReadsLabel);
const processorLabels = new Map<string, number>();
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

function processorLabel(name: string): number {
  let label = processorLabels.get(name);
  if (label === undefined) processorLabels.set(name, (label = labelId(`processor:${name}`)));
  return label;
}

/**
 * The labels of one schedule, by number, in the order first reached. A {@link Coverage} keeps
 * one and reuses it from schedule to schedule: a stamp per label tells this schedule's labels
 * from the last one's, so collecting them allocates nothing.
 */
class LabelSet {
  readonly ids: number[] = [];
  private stamps: number[] = [];
  private stamp = 0;

  /** Empty the set for the next schedule. */
  reset(): void {
    this.ids.length = 0;
    if (++this.stamp > 0x3fffffff) {
      this.stamp = 1;
      this.stamps = [];
    }
  }

  add(id: number): void {
    const stamps = this.stamps;
    while (stamps.length <= id) stamps.push(0);
    if (stamps[id] === this.stamp) return;
    stamps[id] = this.stamp;
    this.ids.push(id);
  }

  has(id: number): boolean {
    return this.stamps[id] === this.stamp;
  }
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

/** Put the labels one schedule reached into `labels`, emptied first (see {@link coverageLabels}). */
function reachLabels(schedule: Schedule, view: WorldView, labels: LabelSet): void {
  labels.reset();
  labels.add(processorLabel(view.config.processor.name));
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
  if (judged !== undefined && judged !== null && view.reads.some((fact) => judgesRead(judged, fact))) labels.add(judgedReadsId);
  for (let k = 0; k < faultKinds.length; k++) {
    if ((schedule.faultMix[faultKinds[k]] ?? 0) === 0) continue;
    labels.add(weightedLabels[k]);
    if (labels.has(faultLabels[k])) labels.add(effectiveLabels[k]);
  }
}

/** Labels reached by one schedule, and `weighted:<kind>` (and `effective:<kind>`) for each kind its mix weights. */
export function coverageLabels(schedule: Schedule, view: WorldView): Set<string> {
  const labels = new LabelSet();
  reachLabels(schedule, view, labels);
  return new Set(labels.ids.map((id) => labelNames[id]));
}

/** The joint labels of the crash points in `points` with every fault kind `labels` holds as bitten. */
function addJoint(labels: LabelSet, points: readonly number[], joint: readonly (readonly number[])[]): void {
  for (let k = 0; k < faultKinds.length; k++) {
    if (!labels.has(faultLabels[k])) continue;
    for (const point of points) {
      const label = joint[point]?.[k];
      if (label !== undefined) labels.add(label);
    }
  }
}

/** Coverage counts accumulated over many schedules. */
export class Coverage {
  private readonly byName = new Map<string, number>();
  /** Counts added by {@link Coverage.add} and not yet in `byName`, by label number. */
  private readonly pending: number[] = [];
  /** The label numbers counted in `pending`, in the order first counted (the order `byName` gets them in). */
  private readonly pendingOrder: number[] = [];
  private readonly labels = new LabelSet();

  /** Every count, by label. */
  get counts(): Map<string, number> {
    const { byName, pending, pendingOrder } = this;
    for (const id of pendingOrder) {
      const label = labelNames[id];
      byName.set(label, (byName.get(label) ?? 0) + pending[id]);
      pending[id] = 0;
    }
    pendingOrder.length = 0;
    return byName;
  }

  /** Count the labels one schedule reached. */
  add(schedule: Schedule, view: WorldView): void {
    reachLabels(schedule, view, this.labels);
    const { pending, pendingOrder } = this;
    for (const id of this.labels.ids) {
      while (pending.length <= id) pending.push(0);
      if (pending[id] === 0) pendingOrder.push(id);
      pending[id]++;
    }
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
