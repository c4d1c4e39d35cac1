/**
 * The data a failure report embeds: everything its page shows, as plain JSON (strings,
 * numbers, booleans, arrays), built by `failure-report-model.ts` and read by the page's script
 * (`failure-page.js`). Every text a processor, a service or a scenario produced (keys,
 * payloads, state values, anomaly details) travels here as a string and is put on the page as
 * text, never as markup.
 */

/** Format tag of the embedded data (bump when its shape changes). */
export const failureReportFormat = "eosim-failure-report/1";

/** How an event stands out: what the page highlights and filters by. */
export type EventMark = "duplicate" | "loss" | "fenced" | "restore" | "divergence" | "crash" | "refused";

/** A column of the timeline. */
export interface LaneData {
  /** `producer-0`, `input-2`, `changelog-2`, `output-2`, `instance-1`, `store-1-p2`, `group`, `network`, `world`. */
  readonly id: string;
  readonly title: string;
  readonly kind: "producer" | "input" | "changelog" | "output" | "instance" | "store" | "database" | "group" | "network" | "world";
  readonly instance: number | null;
  readonly partition: number | null;
}

/** One log record an event appended or fetched. */
export interface RecordData {
  /** Anchor of the record: `<topic>-<partition>-<offset>`, e.g. `input-2-1`. */
  readonly anchor: string;
  readonly offset: number;
  readonly key: string;
  /** The value as JSON text (cut when long); "null" for a tombstone. */
  readonly value: string;
  readonly batch: number;
  /** The input's dedupe ID or the output's ID, when the record has one. */
  readonly id: string | null;
  /** Whether an earlier offset of the same topic partition holds the same dedupe or output ID. */
  readonly duplicate: boolean;
}

/** One thing that happened, as the history recorded it. */
export interface EventData {
  /** Index, and the anchor `ev-<id>`. */
  readonly id: number;
  /** Index of its row. */
  readonly row: number;
  /** The lane it happened in, and the lane of who made it happen (a dot there), if another. */
  readonly lane: string;
  readonly actorLane: string | null;
  /** The history operation, e.g. `append`, `fetch`, `crash`, `store-commit`. */
  readonly op: string;
  /** One line. */
  readonly text: string;
  /** The line without what its lane already says (its box in the timeline). */
  readonly brief: string;
  /** The service instance involved, if any (what the instance filter keeps). */
  readonly instance: number | null;
  /** The partition involved, if any (what the partition filter keeps). */
  readonly partition: number | null;
  readonly marks: readonly EventMark[];
  /** Labelled details shown when the event is clicked. */
  readonly fields: readonly (readonly [string, string])[];
  /** Records appended or fetched (the changelog batch, for a changelog append). */
  readonly records: readonly RecordData[];
  /** Records beyond those shown. */
  readonly moreRecords: number;
  /** The store the event changed or read, when it is a store's (its state before and after is shown). */
  readonly store: string | null;
  /** Keys the store changed in this event's row. */
  readonly changedKeys: readonly string[];
  /** Anomalies pointing here (indices into the flattened anomaly list). */
  readonly anomalies: readonly number[];
}

/** A row group of the timeline: one intent, the heal, one drain step. */
export interface RowData {
  /** Anchor: `start`, `step-<n>` (1-based intent number), `heal`, `drain-<n>`. */
  readonly anchor: string;
  readonly kind: "start" | "intent" | "heal" | "drain";
  /** `step 3`, `heal`, `drain 12 (instance 1)`. */
  readonly label: string;
  /** What the row is: the intent as the schedule's text shows it, or what the phase does. */
  readonly text: string;
  /** For an intent: whether it applied (false: a recorded no-op). */
  readonly applied: boolean | null;
  /** For a produce intent: the event it built. */
  readonly produced: { readonly kind: string | null; readonly key: string; readonly payload: string } | null;
  /** The instance a drain step stepped. */
  readonly instance: number | null;
  /** Indices of its events. */
  readonly events: readonly number[];
}

/** A store's contents after a row. */
export interface StoreStateData {
  /** Whether the store exists (false: gone, e.g. its disk was wiped). */
  readonly exists: boolean;
  readonly entries: readonly (readonly [string, string])[];
  readonly moreEntries: number;
  /** The reference runtime's bookkeeping, as labelled values. */
  readonly bookkeeping: readonly (readonly [string, string])[];
}

/** The world after a row, as far as the page shows it. */
export interface WorldStateData {
  readonly ticks: number;
  readonly generation: number;
  readonly instances: readonly (readonly [string, string])[];
  readonly offsets: readonly (readonly [string, string])[];
  /** The stores whose contents changed in the row (the others are as in an earlier row). */
  readonly stores: Readonly<Record<string, StoreStateData>>;
}

/** One anomaly, with where it shows. */
export interface AnomalyData {
  readonly index: number;
  readonly checker: string;
  readonly kind: string;
  readonly detail: string;
  /** The event it points at, and that event's row; null when it points at none. */
  readonly event: number | null;
  readonly row: number | null;
  /** Events related to it (what the anomaly filter keeps). */
  readonly related: readonly number[];
}

/** One checker's verdict. */
export interface CheckerData {
  readonly checker: string;
  readonly valid: "ok" | "failed" | "unknown";
  readonly evidence: string;
  /** Indices into the anomaly list. */
  readonly anomalies: readonly number[];
  /** Anomalies beyond those listed. */
  readonly moreAnomalies: number;
}

/** Everything a failure report shows. */
export interface FailureReportData {
  readonly format: typeof failureReportFormat;
  readonly scenario: string;
  readonly seed: number;
  /** What ran: `processor bank-ledger on the reference runtime`, `service ledger-service.ts`. */
  readonly subject: string;
  readonly topology: string;
  /** The failure's class (`safety`, `liveness`, `unknown`), or an error's kind (`processor`, ...). */
  readonly failure: string;
  /** The error's message, for a schedule that stopped the run with one. */
  readonly error: string | null;
  readonly found: string | null;
  readonly historyHash: string;
  readonly repro: string | null;
  readonly replay: string | null;
  /** Notes on the report itself (a re-run that differed, limits reached), shown under the verdict. */
  readonly notes: readonly string[];
  readonly checkers: readonly CheckerData[];
  readonly anomalies: readonly AnomalyData[];
  /** The shrunk schedule as text, one line per intent. */
  readonly steps: readonly string[];
  readonly lanes: readonly LaneData[];
  readonly rows: readonly RowData[];
  readonly events: readonly EventData[];
  /** `states[i]`: the world after row `i` (before the first row there is no world yet). */
  readonly states: readonly WorldStateData[];
  /** The reference model's final state of each partition (what exactly-once-state expects). */
  readonly expected: readonly { readonly partition: number; readonly entries: readonly (readonly [string, string])[]; readonly moreEntries: number }[];
  /** Steps of the run not shown (past the report's limit); the page prints "N more steps not shown". */
  readonly omittedRows: number;
}
