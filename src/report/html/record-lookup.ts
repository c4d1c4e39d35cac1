/**
 * The log records a history record points at (an append's or a fetch's offsets), read from
 * the finished run's archives, as a failure report shows them: key, value as short JSON, batch,
 * and the dedupe or output ID with whether an earlier offset already held it (a duplicate).
 */
import type { LogRecord } from "../../broker/log-record.ts";
import { SendTarget } from "../../broker/send-outcome.ts";
import type { WorldView } from "../../sim/world-view.ts";
import type { RecordData } from "./failure-report-data.ts";
import { shortJson } from "./short-json.ts";

/** Topic names by topic code, as anchors and lanes use them. */
export const topicNames: readonly string[] = ["input", "changelog", "output", "other"];

/** Records shown per event. */
export const recordsShownMax = 20;

/** The ID a record carries: an input's dedupe ID, an output's ID. */
function idOf(topic: number, record: LogRecord<unknown>): string | null {
  const value = record.value as { dedupeId?: unknown; outputId?: unknown } | null;
  if (value === null || typeof value !== "object") return null;
  if (topic === SendTarget.input && typeof value.dedupeId === "string") return value.dedupeId;
  if (topic === SendTarget.output && typeof value.outputId === "string") return value.outputId;
  return null;
}

function byOffset(log: readonly LogRecord<unknown>[] | undefined, offset: number): LogRecord<unknown> | undefined {
  if (log === undefined) return undefined;
  const direct = log[offset];
  if (direct?.offset === offset) return direct;
  // Truncated or compacted logs start later or have gaps: search (offsets ascend).
  let lo = 0;
  let hi = log.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = log[mid].offset;
    if (at === offset) return log[mid];
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Reads records of a finished run by topic, partition and offset. */
export class RecordLookup {
  /** Per topic and partition: ID -> the first offset that held it. */
  private readonly firstOffsetOf: Map<string, number>[][] = [[], [], [], []];

  constructor(private readonly view: WorldView) {}

  private logOf(topic: number, partition: number): readonly LogRecord<unknown>[] | undefined {
    if (topic === SendTarget.input) return this.view.inputArchive[partition];
    if (topic === SendTarget.changelog) return this.view.changelogArchive[partition];
    if (topic === SendTarget.output) return this.view.output[partition] as readonly LogRecord<unknown>[] | undefined;
    return undefined;
  }

  private firstOffsets(topic: number, partition: number): Map<string, number> {
    let map = this.firstOffsetOf[topic][partition];
    if (map === undefined) {
      map = new Map();
      for (const record of this.logOf(topic, partition) ?? []) {
        const id = idOf(topic, record);
        if (id !== null && !map.has(id)) map.set(id, record.offset);
      }
      this.firstOffsetOf[topic][partition] = map;
    }
    return map;
  }

  /** The record at `offset`, as shown, or undefined when the run's logs no longer hold it. */
  record(topic: number, partition: number, offset: number): RecordData | undefined {
    const record = byOffset(this.logOf(topic, partition), offset);
    if (record === undefined) return undefined;
    const id = idOf(topic, record);
    const first = id === null ? undefined : this.firstOffsets(topic, partition).get(id);
    return {
      anchor: `${topicNames[topic]}-${partition}-${offset}`,
      offset,
      key: record.key,
      value: shortJson(record.value),
      batch: record.batch,
      id,
      duplicate: first !== undefined && first < offset,
    };
  }

  /** Records `[from, from + count)` that the logs still hold, at most {@link recordsShownMax}, and how many more there are. */
  range(topic: number, partition: number, from: number, count: number): { records: RecordData[]; more: number } {
    const records: RecordData[] = [];
    const shown = Math.min(count, recordsShownMax);
    for (let offset = from; offset < from + shown; offset++) {
      const record = this.record(topic, partition, offset);
      if (record !== undefined) records.push(record);
    }
    return { records, more: count - shown };
  }

  /** Where the input with dedupe ID `id` first landed, as (partition, offset), if it did. */
  inputOf(id: string): { partition: number; offset: number } | undefined {
    for (let partition = 0; partition < this.view.inputArchive.length; partition++) {
      const offset = this.firstOffsets(SendTarget.input, partition).get(id);
      if (offset !== undefined) return { partition, offset };
    }
    return undefined;
  }
}
