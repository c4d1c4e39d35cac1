/**
 * A plain picture of a world between two steps, for reports: what each instance is doing,
 * what the group assigns it, what every store on every disk (and the external database) holds, and how far each topic
 * partition has been written and committed. Failure reports take one after every intent and
 * every drain step of a re-run (`report/html/trace-schedule.ts`) to show the state before and
 * after each step.
 *
 * Only eosim's own look at the world: it reads through `peek` and the disks' contents, never
 * through the clients services use, so it records nothing in the history and a traced run
 * stays byte-identical to an untraced one (tested). Never taken in the hot loop.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import type { StoreNamespace } from "../store/store-client.ts";
import type { World } from "./world.ts";

/** One instance as the world sees it. */
export interface InstanceSnapshot {
  readonly id: number;
  readonly alive: boolean;
  readonly paused: boolean;
  /** Whether the group counts it as a member. */
  readonly member: boolean;
  /** Where a crash now would hit (its crash point name): its phase in the cycle. */
  readonly phase: string;
  /** Partitions the group assigns it in the current generation. */
  readonly assigned: readonly number[];
  /** Partitions it works on by its own account (a zombie's differ from `assigned`); null for a user's service. */
  readonly running: readonly number[] | null;
  /** The generation it acts under (-1: none yet); null for a user's service. */
  readonly generation: number | null;
}

/** One store namespace on one instance's disk, or one namespace of the external database. */
export interface StoreSnapshotEntry {
  /** The instance whose disk holds it (-1 for the external database, which is no instance's). */
  readonly instance: number;
  /** A namespace of the external database (shared by every instance), not of a disk. */
  readonly database?: true;
  /** The partition it belongs to, when it is a partition's. */
  readonly partition: number | null;
  /** The namespace: `p<partition>` for the reference runtime, the service's own name (`balances/2`) for a service. */
  readonly name: string;
  /** State entries in key order, each value as JSON text. */
  readonly state: readonly (readonly [string, string])[];
  /** The reference runtime's bookkeeping (null for a service, whose bookkeeping is its own state). */
  readonly nextOffset: number | null;
  readonly checkpoint: number | null;
  readonly dedupeIds: readonly string[] | null;
  readonly pendingBatch: number | null;
  readonly outbox: number | null;
}

/** The world between two steps. */
export interface WorldSnapshot {
  readonly ticks: number;
  readonly generation: number;
  readonly instances: readonly InstanceSnapshot[];
  readonly stores: readonly StoreSnapshotEntry[];
  /** End offset of each partition, per topic. */
  readonly ends: { readonly input: readonly number[]; readonly changelog: readonly number[]; readonly output: readonly number[] };
  /** The group's committed offset of each partition (-1: none). */
  readonly committed: readonly number[];
  /** Records in the history so far: where the next step's records start. */
  readonly historyRecords: number;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function runtimeStore(instance: number, store: StoreNamespace): StoreSnapshotEntry {
  return {
    instance,
    partition: store.partition,
    name: `p${store.partition}`,
    state: store.scan().map(([key, value]) => [key, json(value)] as const),
    nextOffset: store.nextOffset,
    checkpoint: store.checkpoint,
    dedupeIds: [...store.dedupeEntries()].map(([id]) => id).sort(),
    pendingBatch: store.pendingBatch === null ? null : store.pendingBatch.length,
    outbox: store.outbox.length,
  };
}

function storesOf(world: World): StoreSnapshotEntry[] {
  const stores: StoreSnapshotEntry[] = [];
  if (world.service === null) {
    world.runtimeDisks.forEach((disk, instance) => {
      for (const partition of disk.partitions()) stores.push(runtimeStore(instance, disk.peek(partition)!));
    });
    return stores;
  }
  world.service.disks.forEach((disk, instance) => {
    for (const name of disk.names()) stores.push(serviceEntry(instance, name, disk.scan(name)));
  });
  if (world.config.service?.database === true) {
    const database = world.service.database;
    for (const name of database.names()) stores.push({ ...serviceEntry(-1, name, database.entries(name)), database: true });
  }
  return stores;
}

function serviceEntry(instance: number, name: string, state: readonly (readonly [string, string])[]): StoreSnapshotEntry {
  const slash = name.lastIndexOf("/");
  const partition = slash < 0 ? null : Number(name.slice(slash + 1));
  return { instance, partition: partition !== null && Number.isInteger(partition) ? partition : null, name, state, nextOffset: null, checkpoint: null, dedupeIds: null, pendingBatch: null, outbox: null };
}

function instancesOf(world: World): InstanceSnapshot[] {
  return world.hosts.map((host, id) => {
    const runtime = world.service === null ? world.instances[id] : undefined;
    const names = host.service.crashPointNames;
    return {
      id,
      alive: host.alive,
      paused: host.paused,
      member: host.member,
      phase: host.alive ? (names[host.crashPoint()] ?? "unknown") : "crashed",
      assigned: world.group.assignmentOf(id),
      running: runtime === undefined ? null : runtime.runningTasks.map((task) => task.partition).sort((a, b) => a - b),
      generation: runtime === undefined ? null : runtime.generation,
    };
  });
}

/** The snapshot of `world` now. */
export function snapshotWorld(world: World): WorldSnapshot {
  const ends = (topic: SendTarget) => Array.from({ length: world.config.partitions }, (_, p) => world.broker.endOffset(topic, p));
  return {
    ticks: world.clock.nowTicks,
    generation: world.group.generation,
    instances: instancesOf(world),
    stores: storesOf(world),
    ends: { input: ends(SendTarget.input), changelog: ends(SendTarget.changelog), output: ends(SendTarget.output) },
    committed: Array.from({ length: world.config.partitions }, (_, p) => world.group.committedOffset(p).offset),
    historyRecords: world.history.length,
  };
}
