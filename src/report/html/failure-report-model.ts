/**
 * Building a failure report's data (`failure-report-data.ts`) from a failure and the traced
 * re-run of its schedule: the verdict with each anomaly located in the timeline, the lanes,
 * one row per intent and drain step with its events, the state after every row, and the
 * reference model's expected state. Pure: the same input gives the same data, whatever the
 * machine or the time (no clock, no randomness), so reports of one failure are identical.
 *
 * Bounded: at most `eventsMax` events (rows past it are counted, not shown), `anomaliesMax`
 * anomalies per checker, and the record, store and value bounds of the modules it uses.
 */
import { basename } from "node:path";
import type { RunVerdict } from "../../check/all-checkers.ts";
import type { Anomaly } from "../../check/verdict.ts";
import { Op } from "../../core/history.ts";
import { describeIntents, producedEvents } from "../../schedule/describe-intent.ts";
import type { Schedule } from "../../schedule/intent.ts";
import { crashPointsOf } from "../../service/life.ts";
import type { WorldConfig } from "../../sim/world-config.ts";
import type { WorldSnapshot } from "../../sim/world-snapshot.ts";
import { type AnomalyLocation, locateAnomaly } from "./anomaly-location.ts";
import { type AnomalyData, type CheckerData, type EventData, type FailureReportData, failureReportFormat, type RowData, type WorldStateData } from "./failure-report-data.ts";
import { type DraftEvent, HistoryDecoder } from "./history-events.ts";
import { lanesOf } from "./lanes.ts";
import { shortJson } from "./short-json.ts";
import { type StoreChange, worldStateOf } from "./store-states.ts";
import type { ScheduleTrace, TracedRow } from "./trace-schedule.ts";

/** Events a report shows at most. */
export const eventsMax = 5000;
/** Anomalies listed per checker at most. */
export const anomaliesMax = 50;

/** What a failure report is built from. */
export interface FailureReportInput {
  readonly scenario: string;
  /** The scenario's planted bug or runtime knobs, as the definition names them (null: the reference runtime). */
  readonly runtime: string | null;
  readonly config: WorldConfig;
  readonly seed: number;
  readonly schedule: Schedule;
  /** The failure's verdict (null for a schedule that stopped the run with an error). */
  readonly verdict: RunVerdict | null;
  /** The failure's class, or the error's kind. */
  readonly failure: string;
  readonly error: string | null;
  readonly historyHash: string;
  readonly found: { readonly schedules: number; readonly shrinks: number } | null;
  readonly repro: string | null;
  readonly replay: string | null;
  /** The traced re-run (null when there is none: an error, or a re-run that threw `traceError`). */
  readonly trace: ScheduleTrace | null;
  readonly traceError: string | null;
}

function subjectOf(input: FailureReportInput): string {
  const { config } = input;
  if (config.service !== undefined) return `service ${basename(config.service.module)}, judged against the model ${config.processor.name}`;
  return `processor ${config.processor.name} on the reference runtime${input.runtime === null ? "" : ` (${input.runtime})`}`;
}

function rowOf(traced: TracedRow, input: FailureReportInput, steps: readonly string[], produced: ReturnType<typeof producedEvents>, drainStep: number): Omit<RowData, "events"> {
  const point = traced.point;
  const base = { applied: null, produced: null, instance: null };
  if (point.at === "start") return { ...base, anchor: "start", kind: "start", label: "start", text: "the world is built: every instance joins the group" };
  if (point.at === "heal") return { ...base, anchor: "heal", kind: "heal", label: "heal", text: "faults stop: crashed instances restart, paused ones resume, producers retry until acknowledged" };
  if (point.at === "drain") return { ...base, anchor: `drain-${drainStep}`, kind: "drain", label: `drain ${drainStep}`, text: `instance ${point.instance} steps`, instance: point.instance };
  const data = input.trace!.view.history.data;
  let applied: boolean | null = null;
  for (let r = traced.from; r < traced.to; r++) if (data[r * 4] === Op.intent) applied = data[r * 4 + 3] === 1;
  const event = produced[point.index];
  return {
    ...base,
    anchor: `step-${point.index + 1}`,
    kind: "intent",
    label: `step ${point.index + 1}`,
    text: steps[point.index] ?? `intent ${point.index + 1}`,
    applied,
    produced: event === undefined ? null : { kind: event.kind ?? null, key: event.key, payload: shortJson(event.payload) },
  };
}

/** Join a row's store changes to its store events, adding an event for a change no store record shows (a service's commits, a wipe). */
function attachChanges(drafts: DraftEvent[], changes: readonly StoreChange[], row: number): void {
  for (const change of changes) {
    const own = drafts.filter((e) => e.store === change.id);
    const last = own[own.length - 1];
    if (last !== undefined) {
      last.changedKeys = [...change.keys];
      continue;
    }
    const what = change.existence === "removed" ? "is gone" : change.keys.length === 0 ? "changes its bookkeeping" : `${change.existence === "created" ? "is created: " : "writes "}${change.keys.slice(0, 5).join(", ")}${change.keys.length > 5 ? `, ... (${change.keys.length} keys)` : ""}`;
    drafts.push({
      row, lane: change.id, actorLane: change.instance === null ? null : `instance-${change.instance}`, op: "store-change", text: `${change.title} ${what}`, brief: what, instance: change.instance, partition: change.partition,
      marks: change.existence === "removed" ? ["loss"] : [], fields: [], records: [], moreRecords: 0, store: change.id, changedKeys: [...change.keys], record: -1, value: null, span: null,
    });
  }
}

/** The first store commit whose state the reference model says no commit at its offset can hold (atomicity's first divergence). */
function firstDivergence(events: DraftEvent[], input: FailureReportInput): number | null {
  const model = input.trace?.model;
  if (model === null || model === undefined) return null;
  const data = input.trace!.view.history.data;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.op !== "store-commit" || e.partition === null || e.value === null) continue;
    const expected = model.partitions[e.partition]?.stateHashBefore[e.value];
    if (expected === data[e.record * 4 + 3]) continue;
    e.marks.push("divergence");
    e.text += ": the first divergence (its state is not the model's at this offset)";
    e.brief += ": first divergence";
    e.fields.push(["model's state hash at this offset", expected === undefined ? "none (no such offset in the model)" : String(expected >>> 0)]);
    return i;
  }
  return null;
}

interface Timeline {
  rows: RowData[];
  events: DraftEvent[];
  states: WorldStateData[];
  omittedRows: number;
}

function timelineOf(input: FailureReportInput, decoder: HistoryDecoder, steps: readonly string[]): Timeline {
  const trace = input.trace!;
  const produced = producedEvents(input.schedule.intents, input.config);
  const rows: RowData[] = [];
  const events: DraftEvent[] = [];
  const states: WorldStateData[] = [];
  let previous: WorldSnapshot | null = null;
  let drainStep = 0;
  let omittedRows = trace.omittedRows;
  for (const traced of trace.rows) {
    if (traced.point.at === "drain") drainStep++;
    if (events.length >= eventsMax) {
      omittedRows++;
      continue;
    }
    const index = rows.length;
    const drafts = decoder.decode(traced.from, traced.to, index);
    const { state, changes } = worldStateOf(traced.after, previous);
    attachChanges(drafts, changes, index);
    previous = traced.after;
    // A drain step that shows nothing (an instance syncing its assignment) only makes the timeline longer.
    if (traced.point.at === "drain" && drafts.length === 0) continue;
    const first = events.length;
    events.push(...drafts);
    rows.push({ ...rowOf(traced, input, steps, produced, drainStep), events: drafts.map((_, i) => first + i) });
    states.push(state);
  }
  return { rows, events, states, omittedRows };
}

function evidenceText(evidence: Readonly<Record<string, number>>): string {
  const parts = Object.entries(evidence).map(([what, n]) => `${n} ${what}`);
  return parts.length === 0 ? "nothing counted" : parts.join(", ");
}

function verdictOf(verdict: RunVerdict | null, locate: (anomaly: Anomaly) => AnomalyLocation): { checkers: CheckerData[]; anomalies: AnomalyData[] } {
  const checkers: CheckerData[] = [];
  const anomalies: AnomalyData[] = [];
  for (const v of verdict?.verdicts ?? []) {
    const listed = v.anomalies.slice(0, anomaliesMax);
    const indices = listed.map((anomaly) => {
      const at = locate(anomaly);
      const index = anomalies.length;
      anomalies.push({ index, checker: v.checker, kind: anomaly.kind, detail: anomaly.detail, event: at.event, row: at.row, related: at.related });
      return index;
    });
    const valid = v.valid === true ? "ok" : v.valid === false ? "failed" : "unknown";
    checkers.push({ checker: v.checker, valid, evidence: evidenceText(v.evidence), anomalies: indices, moreAnomalies: v.anomalies.length - listed.length });
  }
  return { checkers, anomalies };
}

/** Where anomalies of `input` show in `timeline` (nowhere without a trace). */
function locatorOf(input: FailureReportInput, timeline: Timeline, decoder: HistoryDecoder | null, divergence: number | null): (anomaly: Anomaly) => AnomalyLocation {
  if (decoder === null) return () => ({ event: null, row: null, related: [] });
  const rowOfStep = (step: number): number | null => {
    const anchor = step > input.schedule.intents.length ? "heal" : `step-${step}`;
    const i = timeline.rows.findIndex((r) => r.anchor === anchor);
    return i < 0 ? null : i;
  };
  const state = input.config.service?.state;
  // A service's state lives in `<namespace>/<partition>`; its store lanes are `store-<instance>-<namespace>/<partition>`
  // (`database-<namespace>/<partition>` for state in the external database).
  const isStateStore = (store: string) => {
    if (state === undefined) return true;
    if (state !== null && store.startsWith("database-") !== (state.in === "database")) return false;
    const name = store.replace(/^store-\d+-/, "").replace(/^database-/, "");
    return state !== null && name.startsWith(`${state.namespace}/`) && /^\d+$/.test(name.slice(state.namespace.length + 1));
  };
  return (anomaly) => locateAnomaly(anomaly, { events: timeline.events, lookup: decoder.records, divergence, rowOfStep, isStateStore });
}

function notesOf(input: FailureReportInput, shownRows: number, omittedRows: number): string[] {
  const notes: string[] = [];
  const trace = input.trace;
  if (input.error !== null) notes.push("The schedule stopped the run with an error, so it has no history to show: the report holds the error and the schedule.");
  if (input.traceError !== null) notes.push(`The schedule could not be re-run for this report (${input.traceError}): only the verdict and the schedule are shown.`);
  if (trace !== null && input.historyHash !== "" && trace.view.history.hex() !== input.historyHash) {
    notes.push(`The re-run made history ${trace.view.history.hex()}, not the failure's ${input.historyHash}: the code under test may not be deterministic. The timeline shows the re-run.`);
  }
  if (trace !== null && trace.verdict.ok) notes.push("The re-run for this report passed every checker: the timeline may not show the failure.");
  if (omittedRows > 0) notes.push(`${omittedRows} more steps not shown: the report shows the first ${shownRows} steps of the run (at most ${eventsMax} events).`);
  return notes;
}

function eventData(e: DraftEvent, id: number, anomalies: readonly AnomalyData[]): EventData {
  const pointing = anomalies.filter((a) => a.event === id).map((a) => a.index);
  return {
    id, row: e.row, lane: e.lane, actorLane: e.actorLane === e.lane ? null : e.actorLane, op: e.op, text: e.text, brief: e.brief, instance: e.instance, partition: e.partition,
    marks: [...new Set(e.marks)], fields: e.fields, records: e.records, moreRecords: e.moreRecords, store: e.store, changedKeys: e.changedKeys, anomalies: pointing,
  };
}

/** The data of a failure's report (see the module header). */
export function failureReportData(input: FailureReportInput): FailureReportData {
  const { config } = input;
  const steps = describeIntents(input.schedule.intents, crashPointsOf(config), config);
  const decoder = input.trace === null ? null : new HistoryDecoder(input.trace.view);
  const timeline: Timeline = decoder === null ? { rows: [], events: [], states: [], omittedRows: 0 } : timelineOf(input, decoder, steps);
  const divergence = firstDivergence(timeline.events, input);
  const { checkers, anomalies } = verdictOf(input.verdict, locatorOf(input, timeline, decoder, divergence));
  const model = input.trace?.model ?? null;
  return {
    format: failureReportFormat,
    scenario: input.scenario,
    seed: input.seed,
    subject: subjectOf(input),
    topology: `${config.partitions} partitions, ${config.instances} instances, ${config.producers} producers, ${config.keys} keys`,
    failure: input.failure,
    error: input.error,
    found: input.found === null ? null : `found after ${input.found.schedules} schedule(s), shrunk to ${input.schedule.intents.length} intent(s) in ${input.found.shrinks} shrink step(s)`,
    historyHash: input.historyHash,
    repro: input.repro,
    replay: input.replay,
    notes: notesOf(input, timeline.rows.length, timeline.omittedRows),
    checkers,
    anomalies,
    steps,
    lanes: lanesOf(timeline.events.flatMap((e) => (e.actorLane === null ? [e.lane] : [e.lane, e.actorLane])), config.instances),
    rows: timeline.rows,
    events: timeline.events.map((e, i) => eventData(e, i, anomalies)),
    states: timeline.states,
    expected: (model?.partitions ?? []).map((p, partition) => {
      const entries = [...p.state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return { partition, entries: entries.slice(0, 100).map(([k, v]) => [k, shortJson(v)] as const), moreEntries: Math.max(0, entries.length - 100) };
    }),
    omittedRows: timeline.omittedRows,
  };
}
