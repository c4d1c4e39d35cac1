/**
 * Monotonic reads: within one session (a reader's name on one life of one instance), a
 * reader never sees an entity go back to an older version than one it has already seen, nor
 * disappear once seen. This is what a service that reads another service's materialized
 * table directly loses when the owner rebuilds the table (a restore, a redeploy that replays
 * its input): rows vanish and come back at older versions while the reader keeps reading.
 *
 * It judges the reads of the reader the scenario names (`service.monotonicReads`) in the
 * namespaces `<namespace>` and `<namespace>/<partition>`, by the entity's version, the field
 * the scenario names in each value (default `version`). A value without a numeric version is
 * judged by presence only. Only reads whose reply reached the reader are facts (a lost reply
 * shows nothing). A key deleted for real counts as disappearing: the checker is for tables
 * that keep a versioned marker for a delete, as materialized tables of a changelog do.
 * Evidence: `reads`, the reads of that reader judged.
 */
import type { ReadFact } from "../service/read-facts.ts";
import type { Anomaly, Checker } from "./verdict.ts";

interface Seen {
  readonly version: number | null;
  readonly ticks: number;
}

/** Reads shown in an anomaly's timeline. */
const timelineMax = 12;

function versionOf(value: string, field: string): number | null {
  try {
    const parsed = JSON.parse(value) as unknown;
    const version = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)[field] : undefined;
    return typeof version === "number" && Number.isFinite(version) ? version : null;
  } catch {
    return null;
  }
}

function inRange(key: string, fact: ReadFact): boolean {
  return (fact.from === undefined || key >= fact.from) && (fact.to === undefined || key < fact.to);
}

/** The reader and table a scenario's `service.monotonicReads` names. */
export interface JudgedReader {
  readonly reader: string;
  readonly namespace: string;
}

/** Whether the checker judges `fact`: a read by `spec.reader` of `spec.namespace` or one of its `<namespace>/<partition>` tables. */
export function judgesRead(spec: JudgedReader, fact: ReadFact): boolean {
  if (fact.reader !== spec.reader) return false;
  const namespace = fact.namespace;
  return namespace === spec.namespace || (namespace.startsWith(`${spec.namespace}/`) && /^\d+$/.test(namespace.slice(spec.namespace.length + 1)));
}

const describe = (version: number | null | undefined): string => (version === undefined ? "absent" : version === null ? "present" : `version ${version}`);

export const monotonicReads: Checker = {
  name: "monotonic-reads",
  class: "safety",
  check(view, _context, evidence) {
    const spec = view.config.service?.monotonicReads;
    if (spec === undefined || spec === null) return [];
    // Per session and entity: the newest version seen; and each entity's reads, for the timeline.
    const seen = new Map<string, Map<string, Seen>>();
    const timeline = new Map<string, string[]>();
    let reads = 0;
    for (const fact of view.reads) {
      if (!judgesRead(spec, fact)) continue;
      reads++;
      const session = `${fact.instance}/${fact.life}`;
      let entities = seen.get(session);
      if (entities === undefined) seen.set(session, (entities = new Map()));
      const observed = new Map<string, number | null | undefined>();
      for (const [key, value] of fact.entries) observed.set(key, value === null ? undefined : versionOf(value, spec.version));
      if (fact.scan) {
        // A scan answers for its whole range: an entity seen in it before and missing now is gone.
        const prefix = `${fact.namespace}\u0000`;
        for (const entity of entities.keys()) {
          if (!entity.startsWith(prefix)) continue;
          const key = entity.slice(prefix.length);
          if (!observed.has(key) && inRange(key, fact)) observed.set(key, undefined);
        }
      }
      for (const [key, version] of observed) {
        const entity = `${fact.namespace}\u0000${key}`;
        const line = `tick ${fact.ticks}: instance ${fact.instance} (life ${fact.life}) ${fact.scan ? "scans" : "reads"} ${key} in ${fact.namespace}: ${describe(version)}`;
        const lines = timeline.get(entity) ?? [];
        lines.push(line);
        timeline.set(entity, lines);
        const before = entities.get(entity);
        if (version !== undefined) {
          if (before !== undefined && before.version !== null && version !== null && version < before.version) {
            evidence.reads = reads;
            return [anomaly("read-went-back", spec.reader, fact, key, `${describe(before.version)} at tick ${before.ticks}, then ${describe(version)} at tick ${fact.ticks}`, lines)];
          }
          if (before === undefined || before.version === null || (version !== null && version > before.version)) entities.set(entity, { version, ticks: fact.ticks });
        } else if (before !== undefined) {
          evidence.reads = reads;
          return [anomaly("read-disappeared", spec.reader, fact, key, `${describe(before.version)} at tick ${before.ticks}, then absent at tick ${fact.ticks}`, lines)];
        }
      }
    }
    evidence.reads = reads;
    return [];
  },
};

function anomaly(kind: string, reader: string, fact: ReadFact, key: string, what: string, lines: readonly string[]): Anomaly {
  const shown = lines.length > timelineMax ? ["...", ...lines.slice(-timelineMax)] : lines;
  const partition = Number(fact.namespace.slice(fact.namespace.lastIndexOf("/") + 1));
  return {
    kind,
    key,
    ...(Number.isInteger(partition) ? { partition } : {}),
    step: fact.step + 1,
    detail: `reader ${reader} on instance ${fact.instance} (life ${fact.life}) read ${key} ${what}: it ${kind === "read-went-back" ? "went back" : "disappeared"}. Its reads of ${key}: ${shown.join("; ")}`,
  };
}
