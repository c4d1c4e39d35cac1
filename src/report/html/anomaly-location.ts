/**
 * Where each anomaly shows in a failure report's timeline: the one event an anomaly's link
 * goes to, and the events related to it (what the anomaly filter keeps). Checkers point with
 * a partition, an offset, a dedupe ID, a step, a key; which topic an offset is on follows from
 * the anomaly's kind. The rules, most specific first:
 *
 * - the first divergent commit, for `state-offset-mismatch` (atomicity's first divergence);
 * - the append of the output record, for an output anomaly with an offset;
 * - the append (for a write or send anomaly) or fetch (for a read anomaly) covering the offset,
 *   for a queue anomaly, on the topic its detail names;
 * - the first divergent commit of the partition, else the partition's last change of state,
 *   for `state-divergence`;
 * - the last write to the partition's changelog, for a restoration anomaly; the store found or
 *   restored at or after its step, for `stale-store`; the refused or ahead commit, for offsets;
 * - the first read of the input an anomaly's dedupe ID names, or its partition and offset;
 * - the anomaly's step; else nothing.
 */
import { SendTarget } from "../../broker/send-outcome.ts";
import type { Anomaly } from "../../check/verdict.ts";
import type { DraftEvent } from "./history-events.ts";
import type { RecordLookup } from "./record-lookup.ts";

/** Where an anomaly points. */
export interface AnomalyLocation {
  readonly event: number | null;
  readonly row: number | null;
  readonly related: readonly number[];
}

const outputKinds = new Set(["inconsistent-output", "unexpected-output", "duplicate-output", "wrong-output"]);
const sendKinds = new Set(["lost-write", "unseen", "duplicate", "inconsistent-offsets", "nonmonotonic-send"]);
const restoreKinds = new Set(["restore-offset", "restore-state", "restore-dedupe"]);

/** What the locator needs of the report being built. */
export interface LocatorInput {
  readonly events: readonly DraftEvent[];
  readonly lookup: RecordLookup;
  /** The first divergent commit, if one was found. */
  readonly divergence: number | null;
  /** The row of a 1-based step (past the intents: the heal's), or null. */
  readonly rowOfStep: (step: number) => number | null;
  /** Whether a store holds the state checkers compare (a service keeps other namespaces beside it). */
  readonly isStateStore: (store: string) => boolean;
}

function covers(event: DraftEvent, topic: number, partition: number, offset: number, op?: string): boolean {
  const span = event.span;
  return span !== null && span.topic === topic && span.partition === partition && span.first <= offset && offset < span.first + span.count && (op === undefined || event.op === op);
}

function firstIndex(events: readonly DraftEvent[], test: (e: DraftEvent) => boolean, fromRow = 0): number | null {
  const i = events.findIndex((e) => e.row >= fromRow && test(e));
  return i < 0 ? null : i;
}

function lastIndex(events: readonly DraftEvent[], test: (e: DraftEvent) => boolean): number | null {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i])) return i;
  return null;
}

function inputRead(input: LocatorInput, partition: number, offset: number): number | null {
  return firstIndex(input.events, (e) => covers(e, SendTarget.input, partition, offset, "fetch")) ?? firstIndex(input.events, (e) => covers(e, SendTarget.input, partition, offset));
}

function byDedupeId(input: LocatorInput, id: string): number | null {
  const at = input.lookup.inputOf(id);
  return at === undefined ? null : inputRead(input, at.partition, at.offset);
}

function specific(anomaly: Anomaly, input: LocatorInput): number | null {
  const { events } = input;
  const { kind, partition: p, offset } = anomaly;
  if (kind === "state-offset-mismatch" && input.divergence !== null && (p === undefined || events[input.divergence].partition === p)) return input.divergence;
  if (p === undefined) return null;
  if (outputKinds.has(kind) && offset !== undefined) return firstIndex(events, (e) => covers(e, SendTarget.output, p, offset, "append"));
  if (anomaly.detail.startsWith("output topic") || anomaly.detail.startsWith("input topic")) {
    if (offset === undefined) return null;
    const topic = anomaly.detail.startsWith("output") ? SendTarget.output : SendTarget.input;
    const op = sendKinds.has(kind) ? "append" : "fetch";
    return firstIndex(events, (e) => covers(e, topic, p, offset, op)) ?? firstIndex(events, (e) => covers(e, topic, p, offset));
  }
  // The model's last writer is not where the store went wrong: its last change of the partition's state is.
  if (kind === "state-divergence") return (input.divergence !== null && events[input.divergence].partition === p ? input.divergence : null) ?? lastIndex(events, (e) => e.partition === p && e.store !== null && input.isStateStore(e.store) && e.changedKeys.length > 0);
  // A restore rebuilds what the changelog holds last: the last write to it is where a restore starts to disagree with the live store.
  if (restoreKinds.has(kind)) return lastIndex(events, (e) => e.op === "append" && e.span !== null && e.span.topic === SendTarget.changelog && e.partition === p) ?? lastIndex(events, (e) => e.partition === p && e.store !== null);
  const stepRow = anomaly.step === undefined ? 0 : (input.rowOfStep(anomaly.step) ?? 0);
  if (kind === "stale-store") return firstIndex(events, (e) => e.partition === p && (e.op === "store-open" || e.op === "store-restore" || e.op === "resume"), stepRow);
  if (kind === "offset-ahead" || kind === "offset-behind") return firstIndex(events, (e) => e.op === "offset-commit" && e.partition === p && (offset === undefined || e.value === offset), stepRow) ?? lastIndex(events, (e) => e.op === "offset-commit" && e.partition === p);
  if (anomaly.key !== undefined) {
    const key = anomaly.key;
    return lastIndex(events, (e) => e.partition === p && e.store !== null && e.changedKeys.includes(key));
  }
  return null;
}

function related(anomaly: Anomaly, input: LocatorInput, target: number | null): number[] {
  const out = new Set<number>(target === null ? [] : [target]);
  const id = anomaly.dedupeId;
  input.events.forEach((e, i) => {
    if (id !== undefined && e.records.some((r) => r.id === id || (r.id !== null && r.id.startsWith(`${id}/`)))) out.add(i);
    else if (anomaly.partition !== undefined && e.partition === anomaly.partition && e.store !== null) out.add(i);
  });
  return [...out].sort((a, b) => a - b);
}

/** Where `anomaly` shows (see the module header). */
export function locateAnomaly(anomaly: Anomaly, input: LocatorInput): AnomalyLocation {
  let event = specific(anomaly, input);
  if (event === null && anomaly.dedupeId !== undefined) event = byDedupeId(input, anomaly.dedupeId);
  if (event === null && anomaly.partition !== undefined && anomaly.offset !== undefined && !anomaly.kind.endsWith("-output")) event = inputRead(input, anomaly.partition, anomaly.offset);
  const row = event !== null ? input.events[event].row : anomaly.step === undefined ? null : input.rowOfStep(anomaly.step);
  return { event, row, related: related(anomaly, input, event) };
}
