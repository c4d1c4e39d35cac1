/**
 * A run's history as a failure report's events: each record of the history (four integers)
 * becomes one line of text in the lane where it happened, with who made it happen, the
 * records it appended or fetched, and marks for what stands out (a duplicate landing, a send
 * lost, a write fenced, a restore, a crash). Row boundaries (intents, phases), the runtime's
 * own commit notes and dedupe-size counts are not events: the store's commit record says the
 * same, and the counts are the bounds checker's.
 *
 * A lost send is recorded before the broker sees the request: its record is joined to the
 * append that follows on the same topic (the write happened, its answer was lost), so the
 * append says so and the loss knows whose send it was.
 */
import { isProducerActor, packedCount, packedOutcome, slotActor, slotInstance, slotPartition, slotTopic, storeSlot } from "../../core/packed-fields.ts";
import { Op } from "../../core/history.ts";
import { SendOutcome } from "../../broker/send-outcome.ts";
import { crashPointNames } from "../../runtime/task-phase.ts";
import { serviceCrashPoints } from "../../service/life.ts";
import type { WorldView } from "../../sim/world-view.ts";
import type { EventMark, RecordData } from "./failure-report-data.ts";
import { RecordLookup, topicNames } from "./record-lookup.ts";
import { databaseTarget } from "../../faults/network.ts";

/** An event before the report links anomalies and store states to it. */
export interface DraftEvent {
  row: number;
  lane: string;
  actorLane: string | null;
  op: string;
  text: string;
  /** The text without what the lane already says (its box in the timeline). */
  brief: string;
  instance: number | null;
  partition: number | null;
  marks: EventMark[];
  fields: [string, string][];
  records: RecordData[];
  moreRecords: number;
  store: string | null;
  changedKeys: string[];
  /** History record index (for locating anomalies by record). */
  record: number;
  /** The record's main number, for locating anomalies: the next input offset of a store event, the offset of an offset commit. */
  value: number | null;
  /** For an append or a fetch: the topic, partition and offsets `[first, first + count)` it covered. */
  span: { topic: number; partition: number; first: number; count: number } | null;
}

/** The store lane of the reference runtime's namespace of `partition` on `instance`'s disk. */
export function runtimeStoreId(instance: number, partition: number): string {
  return `store-${instance}-p${partition}`;
}

const refusals: Record<number, string> = { 2: "refused: out of order", 4: "refused: fenced (an older epoch)", 5: "refused as a duplicate (idempotent producer)" };
const networkOutcomes: Record<number, string> = { [SendOutcome.ackLost]: "its ACK was lost", [SendOutcome.notAppended]: "the request was lost before the broker", [SendOutcome.ambiguous]: "it was answered with an error" };
/** The same outcomes for a request to the external database (network target 3). */
const databaseOutcomes: Record<number, string> = {
  [SendOutcome.ackLost]: "served, its reply lost",
  [SendOutcome.notAppended]: "lost before the database",
  [SendOutcome.ambiguous]: "served, then answered with an error",
  [SendOutcome.delayed]: "held back past the client's timeout (served after the next request)",
};

function actorOf(actor: number): { lane: string; name: string; short: string; instance: number | null } {
  if (isProducerActor(actor)) return { lane: `producer-${actor - 128}`, name: `producer ${actor - 128}`, short: `producer ${actor - 128}`, instance: null };
  return { lane: `instance-${actor}`, name: `instance ${actor}`, short: `i${actor}`, instance: actor };
}

function offsets(first: number, count: number): string {
  return count <= 1 ? `@${first}` : `@${first}-${first + count - 1}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Decodes history records into {@link DraftEvent}s. */
export class HistoryDecoder {
  private readonly lookup: RecordLookup;
  private readonly points: readonly string[];
  /** A lost-send event per topic code, waiting for the append it belongs to. */
  private readonly lostSend = new Map<number, { event: DraftEvent; outcome: number }>();

  constructor(private readonly view: WorldView) {
    this.lookup = new RecordLookup(view);
    this.points = view.config.service === undefined ? crashPointNames : serviceCrashPoints;
  }

  /** The record lookup the decoder reads through (shared with anomaly location). */
  get records(): RecordLookup {
    return this.lookup;
  }

  /** The events of history records `[from, to)`, in `row`. */
  decode(from: number, to: number, row: number): DraftEvent[] {
    const out: DraftEvent[] = [];
    const data = this.view.history.data;
    for (let r = from; r < to; r++) {
      const i = r * 4;
      const event = this.event(data[i], data[i + 1], data[i + 2], data[i + 3], row, r);
      if (event !== null) out.push(event);
    }
    return out;
  }

  private draft(row: number, record: number, lane: string, op: string, text: string, rest: Partial<DraftEvent> = {}): DraftEvent {
    return { row, lane, actorLane: null, op, text, brief: text, instance: null, partition: null, marks: [], fields: [], records: [], moreRecords: 0, store: null, changedKeys: [], record, value: null, span: null, ...rest };
  }

  private instanceEvent(row: number, record: number, instance: number, op: string, text: string, rest: Partial<DraftEvent> = {}): DraftEvent {
    return this.draft(row, record, `instance-${instance}`, op, `instance ${instance} ${text}`, { instance, brief: text, ...rest });
  }

  private storeEvent(row: number, record: number, slot: number, op: string, text: string, rest: Partial<DraftEvent> = {}): DraftEvent {
    const instance = slotInstance(slot);
    const partition = slotPartition(slot);
    const store = runtimeStoreId(instance, partition);
    return this.draft(row, record, store, op, `store ${instance}/p${partition} ${text}`, { instance, partition, store, actorLane: `instance-${instance}`, brief: text, ...rest });
  }

  private point(code: number): string {
    return this.points[code] ?? `point ${code}`;
  }

  private event(op: number, a: number, b: number, c: number, row: number, r: number): DraftEvent | null {
    switch (op) {
      case Op.append:
        return this.append(a, b, c, row, r);
      case Op.fetch: {
        const actor = actorOf(slotActor(a));
        const topic = slotTopic(a);
        const partition = slotPartition(a);
        const { records, more } = this.lookup.range(topic, partition, b, c);
        const marks: EventMark[] = records.some((x) => x.duplicate) ? ["duplicate"] : [];
        return this.draft(row, r, `${topicNames[topic]}-${partition}`, "fetch", `${actor.name} reads ${topicNames[topic]} p${partition} ${offsets(b, c)} (${plural(c, "record")})`, {
          actorLane: actor.lane, instance: actor.instance, partition, marks, records, moreRecords: more, span: { topic, partition, first: b, count: c }, brief: `${actor.short} reads ${offsets(b, c)}`,
        });
      }
      case Op.offsetCommit:
        return c >= 0
          ? this.instanceEvent(row, r, a, "offset-commit", `commits offset ${c} of p${b} to the group`, { partition: b, value: c })
          : this.instanceEvent(row, r, a, "offset-commit", `offset commit ${-c - 1} of p${b} refused by the group (stale generation or not the owner)`, { partition: b, marks: ["fenced"], value: -c - 1 });
      case Op.crash:
        return this.instanceEvent(row, r, a, "crash", `crashes at ${this.point(b)}${c > 0 ? ` (aimed at ${this.point(c - 1)})` : ""}`, { marks: ["crash"] });
      case Op.restart:
        return this.instanceEvent(row, r, a, "restart", "restarts on its disk");
      case Op.rebalance:
        return this.draft(row, r, "group", "rebalance", `rebalance: generation ${a}, ${plural(b, "member")}`, { brief: `generation ${a}, ${plural(b, "member")}` });
      case Op.restoreStart:
        return this.storeEvent(row, r, storeSlot(a, b), "restore-start", `restore starts from changelog offset ${c}`, { marks: ["restore"] });
      case Op.restoreEnd:
        return this.storeEvent(row, r, storeSlot(a, b), "restore-end", `restore ends: next input offset ${c}`, { value: c });
      case Op.restoreRestart:
        return this.storeEvent(row, r, storeSlot(a, b), "restore-restart", "restore starts over (it outlived the delete retention)", { marks: ["restore"] });
      case Op.compact:
        return this.draft(row, r, `${topicNames[slotTopic(a)]}-${slotPartition(a)}`, "compact", `compaction removes ${plural(b, "record")}`, { partition: slotPartition(a) });
      case Op.truncate:
        return this.draft(row, r, `${topicNames[slotTopic(a)]}-${slotPartition(a)}`, "truncate", `retention deletes records below offset ${b}`, { partition: slotPartition(a), marks: ["loss"] });
      case Op.skipDuplicate:
        return this.instanceEvent(row, r, a, "skip-duplicate", `skips input p${b} @${c}: a duplicate it already applied`, { partition: b });
      case Op.resume:
        return this.storeEvent(row, r, storeSlot(a, b), "resume", `is reused: next input offset ${c}`);
      case Op.leave:
        return this.instanceEvent(row, r, a, "leave", "leaves the group");
      case Op.join:
        return this.instanceEvent(row, r, a, "join", "joins the group");
      case Op.pause:
        return this.instanceEvent(row, r, a, "pause", "pauses");
      case Op.unpause:
        return this.instanceEvent(row, r, a, "unpause", "resumes after its pause");
      case Op.sessionExpired:
        return this.instanceEvent(row, r, a, "session-expired", "loses its group session (paused too long): a zombie if it resumes", { marks: ["fenced"] });
      case Op.wipe:
        return this.instanceEvent(row, r, a, "wipe", `dies and comes back with an empty disk (${plural(b - c, "namespace")} lost)`, { marks: b > c ? ["loss", "crash"] : ["crash"] });
      case Op.fenced:
        return this.instanceEvent(row, r, a, "fenced", `learns it was fenced on p${b} (a newer owner exists)`, { partition: b, marks: ["fenced"] });
      case Op.epochMarker:
        return this.instanceEvent(row, r, a, "epoch-marker", `writes epoch marker ${c} to changelog p${b} before restoring`, { partition: b });
      case Op.lost:
        return this.lost(a, b, row, r);
      case Op.storeCommit:
        return this.storeEvent(row, r, a, "store-commit", `commits: next input offset ${b}`, { fields: [["state hash", String(c >>> 0)]], value: b });
      case Op.storeRestore:
        return this.storeEvent(row, r, a, "store-restore", `installs a restore: next input offset ${b} (changelog read to offset ${c})`, { marks: ["restore"], value: b });
      case Op.storeOpen:
        return this.storeEvent(row, r, a, "store-open", `is found on disk and handed back: next input offset ${b}, checkpoint ${c}`, { value: b });
      case Op.seek:
        return this.instanceEvent(row, r, a, "seek", `moves its position on p${b} to offset ${c}`, { partition: b });
      case Op.databaseRead:
        return b < 0
          ? this.instanceEvent(row, r, a, "database-read", `scans the database (${plural(c, "key")} read)`)
          : this.instanceEvent(row, r, a, "database-read", c === 1 ? `reads a key from the database (version ${b})` : "reads a key absent from the database", { value: b });
      case Op.databaseCommit:
        return b === 0
          ? this.instanceEvent(row, r, a, "database-commit", `commits a transaction to the database (version ${c})`, { value: c })
          : this.instanceEvent(row, r, a, "database-commit", `database transaction refused: a key it read changed (${plural(c, "write")} not applied)`, { marks: ["fenced"] });
      case Op.terminate:
        return this.instanceEvent(row, r, a, "terminate", "gets SIGTERM (a graceful leave) and shuts itself down");
      case Op.exit:
        return this.instanceEvent(row, r, a, "exit", "exits after its shutdown; a new process starts on its disk");
      case Op.intent:
      case Op.phase:
      case Op.commit:
      case Op.dedupeSize:
      case Op.poll:
      case Op.snapshot:
        return null;
      default:
        return this.draft(row, r, "world", `op-${op}`, `history record ${op} (${a}, ${b}, ${c})`);
    }
  }

  private lost(target: number, outcome: number, row: number, r: number): DraftEvent {
    if (target === databaseTarget) {
      const what = databaseOutcomes[outcome] ?? `network outcome ${outcome}`;
      return this.draft(row, r, "network", "lost", `the next database request: ${what}`, { marks: ["loss"], brief: `database request: ${what}` });
    }
    const what = networkOutcomes[outcome] ?? `network outcome ${outcome}`;
    const event = this.draft(row, r, "network", "lost", `the next ${topicNames[target]} send: ${what}`, { marks: ["loss"], brief: `${topicNames[target]} send: ${what}` });
    if (outcome !== SendOutcome.notAppended) this.lostSend.set(target, { event, outcome });
    return event;
  }

  private append(slot: number, first: number, packed: number, row: number, r: number): DraftEvent {
    const actor = actorOf(slotActor(slot));
    const topic = slotTopic(slot);
    const partition = slotPartition(slot);
    const count = packedCount(packed);
    const lane = `${topicNames[topic]}-${partition}`;
    const base = { actorLane: actor.lane, instance: actor.instance, partition };
    const lost = this.lostSend.get(topic);
    this.lostSend.delete(topic);
    if (lost !== undefined) {
      Object.assign(lost.event, { actorLane: actor.lane, instance: actor.instance, partition, text: `${actor.name}'s ${lost.event.text.slice("the next ".length)}`, brief: `${actor.short}'s ${lost.event.brief}` });
    }
    const suffix = lost === undefined ? "" : ` (${networkOutcomes[lost.outcome]})`;
    if (first < 0) {
      const outcome = packedOutcome(packed);
      const marks: EventMark[] = outcome === 4 ? ["fenced", "refused"] : ["refused"];
      const refusal = refusals[outcome] ?? `refused (${outcome})`;
      return this.draft(row, r, lane, "append", `${actor.name} → ${topicNames[topic]} p${partition}: ${plural(count, "record")} ${refusal}`, { ...base, marks, brief: `${actor.short} → ${refusal}` });
    }
    const { records, more } = this.lookup.range(topic, partition, first, count);
    const marks: EventMark[] = records.some((x) => x.duplicate) ? ["duplicate"] : [];
    return this.draft(row, r, lane, "append", `${actor.name} → ${topicNames[topic]} p${partition} ${offsets(first, count)} (${plural(count, "record")})${suffix}`, {
      ...base, marks, records, moreRecords: more, span: { topic, partition, first, count }, brief: `${actor.short} → ${offsets(first, count)}${count > 1 ? ` (${count})` : ""}${suffix}`,
    });
  }
}
