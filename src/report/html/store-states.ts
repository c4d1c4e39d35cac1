/**
 * The world after each traced row as a failure report shows it: instances and offsets as
 * labelled lines, and the contents of each store that changed in the row (with the keys that
 * changed), so the page can show any store's state before and after any event.
 */
import type { StoreSnapshotEntry, WorldSnapshot } from "../../sim/world-snapshot.ts";
import type { StoreStateData, WorldStateData } from "./failure-report-data.ts";
import { runtimeStoreId } from "./history-events.ts";
import { cut, valueCharsMax } from "./short-json.ts";

/** State entries shown per store. */
export const storeEntriesMax = 100;

/**
 * A store's lane and id: the reference runtime's `store-<instance>-p<partition>`, a service's
 * `store-<instance>-<namespace>`, the external database's `database-<namespace>`.
 */
export function storeIdOf(entry: StoreSnapshotEntry): string {
  if (entry.database === true) return `database-${entry.name}`;
  return entry.nextOffset !== null && entry.partition !== null ? runtimeStoreId(entry.instance, entry.partition) : `store-${entry.instance}-${entry.name}`;
}

/** A store's title: `store 1/p2`, `store 1/balances/2`, `database balances/2`. */
export function storeTitleOf(entry: StoreSnapshotEntry): string {
  return entry.database === true ? `database ${entry.name}` : `store ${entry.instance}/${entry.name}`;
}

function list(values: readonly (number | string)[], prefix = ""): string {
  return values.length === 0 ? "none" : values.map((v) => `${prefix}${v}`).join(" ");
}

function bookkeeping(entry: StoreSnapshotEntry): [string, string][] {
  if (entry.nextOffset === null) return [];
  const ids = entry.dedupeIds ?? [];
  return [
    ["next input offset", String(entry.nextOffset)],
    ["checkpoint", String(entry.checkpoint)],
    ["dedupe IDs", ids.length > 20 ? `${ids.slice(0, 20).join(" ")} ... (${ids.length})` : list(ids)],
    ["changelog batch not acknowledged", entry.pendingBatch === null ? "none" : `${entry.pendingBatch} record(s)`],
    ["outbox", `${entry.outbox} output(s)`],
  ];
}

function storeState(entry: StoreSnapshotEntry | undefined): StoreStateData {
  if (entry === undefined) return { exists: false, entries: [], moreEntries: 0, bookkeeping: [] };
  return {
    exists: true,
    entries: entry.state.slice(0, storeEntriesMax).map(([key, value]) => [cut(key, valueCharsMax), cut(value, valueCharsMax)] as const),
    moreEntries: Math.max(0, entry.state.length - storeEntriesMax),
    bookkeeping: bookkeeping(entry),
  };
}

function instanceLines(snapshot: WorldSnapshot): [string, string][] {
  return snapshot.instances.map((i) => {
    const life = !i.alive ? "crashed" : i.paused ? "paused" : "running";
    const parts = [life, i.member ? "member" : "not a member", `phase ${i.phase}`, `assigned ${list(i.assigned, "p")}`];
    if (i.running !== null) parts.push(`working on ${list(i.running, "p")}`);
    if (i.generation !== null) parts.push(`generation ${i.generation < 0 ? "none" : i.generation}`);
    return [`instance ${i.id}`, parts.join(", ")];
  });
}

function offsetLines(snapshot: WorldSnapshot): [string, string][] {
  return snapshot.committed.map((committed, p) => [
    `p${p}`,
    `input end ${snapshot.ends.input[p]}, committed ${committed < 0 ? "none" : committed}, changelog end ${snapshot.ends.changelog[p]}, output end ${snapshot.ends.output[p]}`,
  ]);
}

/** Which keys differ between two states of a store (added, changed or removed), in key order. */
export function changedKeys(before: StoreSnapshotEntry | undefined, after: StoreSnapshotEntry | undefined): string[] {
  const was = new Map(before?.state ?? []);
  const now = new Map(after?.state ?? []);
  const keys = new Set([...was.keys(), ...now.keys()]);
  return [...keys].filter((key) => was.get(key) !== now.get(key)).sort();
}

/** A store's change in one row. */
export interface StoreChange {
  readonly id: string;
  readonly title: string;
  /** The instance whose store it is (null for the external database). */
  readonly instance: number | null;
  readonly partition: number | null;
  readonly keys: readonly string[];
  /** Whether the store appeared or disappeared (a first commit, a wipe). */
  readonly existence: "created" | "removed" | null;
}

function sameEntry(a: StoreSnapshotEntry | undefined, b: StoreSnapshotEntry | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The world after `snapshot`, and the stores that changed since `previous` (null: the first row). */
export function worldStateOf(snapshot: WorldSnapshot, previous: WorldSnapshot | null): { state: WorldStateData; changes: StoreChange[] } {
  const before = new Map((previous?.stores ?? []).map((e) => [storeIdOf(e), e]));
  const after = new Map(snapshot.stores.map((e) => [storeIdOf(e), e]));
  const stores: Record<string, StoreStateData> = {};
  const changes: StoreChange[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id);
    const now = after.get(id);
    if (sameEntry(was, now)) continue;
    stores[id] = storeState(now);
    const entry = (now ?? was)!;
    const existence = was === undefined ? "created" : now === undefined ? "removed" : null;
    changes.push({ id, title: storeTitleOf(entry), instance: entry.database === true ? null : entry.instance, partition: entry.partition, keys: changedKeys(was, now), existence });
  }
  return { state: { ticks: snapshot.ticks, generation: snapshot.generation, instances: instanceLines(snapshot), offsets: offsetLines(snapshot), stores }, changes };
}
