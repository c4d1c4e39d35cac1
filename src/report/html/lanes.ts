/**
 * The timeline's columns, one per producer, per topic partition (input, changelog, output),
 * per service instance and per store (and per namespace of the external database), plus the group's and the network's, in the order data
 * flows: producers write input, instances read it and commit to their stores, which log to
 * the changelog, and send outputs. A lane is kept only when something happened in it, except
 * the instances', which are always shown.
 */
import type { LaneData } from "./failure-report-data.ts";

const order: readonly LaneData["kind"][] = ["producer", "input", "instance", "store", "database", "changelog", "output", "group", "network", "world"];

/** The lane an id names (see {@link LaneData.id}). */
export function laneOf(id: string): LaneData {
  const [kind, ...rest] = id.split("-");
  const tail = rest.join("-");
  switch (kind) {
    case "producer":
      return { id, title: `producer ${tail}`, kind, instance: null, partition: null };
    case "input":
    case "changelog":
    case "output":
      return { id, title: `${kind} p${tail}`, kind, instance: null, partition: Number(tail) };
    case "instance":
      return { id, title: `instance ${tail}`, kind, instance: Number(tail), partition: null };
    case "store": {
      const dash = tail.indexOf("-");
      const name = tail.slice(dash + 1);
      const runtime = /^p(\d+)$/.exec(name);
      const service = /\/(\d+)$/.exec(name);
      const partition = runtime !== null ? Number(runtime[1]) : service !== null ? Number(service[1]) : null;
      return { id, title: `store ${tail.slice(0, dash)}/${name}`, kind, instance: Number(tail.slice(0, dash)), partition };
    }
    case "database": {
      const partition = /\/(\d+)$/.exec(tail);
      return { id, title: `database ${tail}`, kind, instance: null, partition: partition === null ? null : Number(partition[1]) };
    }
    case "group":
    case "network":
      return { id, title: kind, kind, instance: null, partition: null };
    default:
      return { id, title: id, kind: "world", instance: null, partition: null };
  }
}

function compare(a: LaneData, b: LaneData): number {
  const byKind = order.indexOf(a.kind) - order.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  const byInstance = (a.instance ?? -1) - (b.instance ?? -1);
  if (byInstance !== 0) return byInstance;
  const byPartition = (a.partition ?? -1) - (b.partition ?? -1);
  if (byPartition !== 0) return byPartition;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The lanes of `used` lane ids plus one per instance, in flow order. */
export function lanesOf(used: Iterable<string>, instances: number): LaneData[] {
  const ids = new Set(used);
  for (let i = 0; i < instances; i++) ids.add(`instance-${i}`);
  return [...ids].map(laneOf).sort(compare);
}
