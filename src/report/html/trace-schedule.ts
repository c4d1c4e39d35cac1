/**
 * Re-running a failure's schedule with the world watched between steps, for its report. The
 * simulation is deterministic, so the re-run makes the history the failure made (the report
 * says so when it does not) and adds what a history does not keep: the state of every store
 * and instance after each intent and each drain step.
 *
 * A row is the records one step added: the world's construction (`start`), an intent, the
 * heal, or one drain step of an instance that made progress. Drain steps that changed nothing
 * the report shows are left out. Past `rowsMax` rows only the count is kept, so a long
 * liveness failure cannot make the report (or the memory it takes) unbounded.
 */
import type { RunVerdict } from "../../check/all-checkers.ts";
import type { ReferenceModel } from "../../check/reference-model.ts";
import { judgeObserved } from "../../run/judge-schedule.ts";
import type { Scenario } from "../../scenario/scenario.ts";
import type { Schedule } from "../../schedule/intent.ts";
import type { ObservedPoint } from "../../sim/run-schedule.ts";
import { snapshotWorld, type WorldSnapshot } from "../../sim/world-snapshot.ts";
import type { WorldView } from "../../sim/world-view.ts";

/** The records one step added, and the world after it. */
export interface TracedRow {
  readonly point: ObservedPoint;
  /** History records (not data indices) `[from, to)`. */
  readonly from: number;
  readonly to: number;
  readonly after: WorldSnapshot;
}

/** A re-run of a schedule, step by step. */
export interface ScheduleTrace {
  readonly view: WorldView;
  /** The re-run judged again. */
  readonly verdict: RunVerdict;
  /** The reference model folded over the re-run (null when folding it threw). */
  readonly model: ReferenceModel | null;
  readonly rows: readonly TracedRow[];
  /** Steps past `rowsMax` (not traced). */
  readonly omittedRows: number;
}

/** Default number of rows a report traces. */
export const traceRowsMax = 600;

function sameStores(a: WorldSnapshot, b: WorldSnapshot): boolean {
  return JSON.stringify(a.stores) === JSON.stringify(b.stores);
}

/** Re-run `schedule` of `scenario`, watching it (see the module header). Throws what the run throws. */
export function traceSchedule(scenario: Scenario, schedule: Schedule, rowsMax = traceRowsMax): ScheduleTrace {
  const rows: TracedRow[] = [];
  let omittedRows = 0;
  let from = 0;
  let last: WorldSnapshot | null = null;
  const { view, verdict, model } = judgeObserved(scenario, schedule, (world, point) => {
    const to = world.history.length;
    if (point.at === "drain" && to === from && world.service === null) return; // the runtime records every store change
    if (rows.length >= rowsMax) {
      if (to > from) omittedRows++;
      from = to;
      return;
    }
    const after = snapshotWorld(world);
    if (point.at === "drain" && to === from && last !== null && sameStores(last, after)) return;
    rows.push({ point, from, to, after });
    last = after;
    from = to;
  });
  return { view, verdict, model, rows, omittedRows };
}
