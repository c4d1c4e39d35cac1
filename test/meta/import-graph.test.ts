// The layers of src/, read from its import statements (type imports included, since a type
// import still ties one module's meaning to another's): no import cycle; the reference runtime
// reaches broker and store through their client interfaces and record types only; checkers
// import no broker, store or runtime implementation.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles, srcRoot as root } from "../helpers/source-files.ts";

/** Each module (path relative to src/) and the src/ modules it imports or re-exports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gms)].map((m) => relative(root, resolve(dirname(file), m[1])));
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** One cycle of the graph, as the modules on it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/** The broker and store modules a client of them may import: interfaces, records, enums. */
const boundary = new Set([
  "broker/broker-client.ts",
  "broker/group-client.ts",
  "broker/log-record.ts",
  "broker/send-outcome.ts",
  "broker/assignment.ts",
  "store/store-client.ts",
  "store/transaction.ts",
]);

function importsUnder(graph: Map<string, string[]>, from: string, layers: readonly string[]): string[] {
  return [...graph].filter(([file]) => file.startsWith(from)).flatMap(([file, targets]) => targets.filter((t) => layers.some((l) => t.startsWith(l))).map((t) => `${file} -> ${t}`));
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("reads every module and its imports", () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get("run/worker-pool.ts")).toContain("run/stop-request.ts");
  });

  it("has no import cycle", () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it("finds a cycle when there is one", () => {
    const planted = new Map(graph);
    planted.set("service/life.ts", [...(graph.get("service/life.ts") ?? []), "report/failure-text.ts"]);
    const cycle = findCycle(planted);
    expect(cycle).toBeDefined();
    expect(cycle![0]).toBe(cycle!.at(-1));
    const edges = cycle!.slice(1).map((to, i) => `${cycle![i]} -> ${to}`);
    expect(edges).toContain("service/life.ts -> report/failure-text.ts");
    for (const edge of edges) expect(planted.get(edge.split(" -> ")[0])).toContain(edge.split(" -> ")[1]);
  });

  it("lets the reference runtime reach broker and store only through their client interfaces and records", () => {
    const crossings = importsUnder(graph, "runtime/", ["broker/", "store/"]).filter((line) => !boundary.has(line.split(" -> ")[1]));
    expect(crossings).toEqual([]);
  });

  it("gives checkers no broker, store or runtime implementation", () => {
    const allowed = new Set([...boundary, "runtime/processor.ts", "runtime/user-call.ts"]);
    const crossings = importsUnder(graph, "check/", ["broker/", "store/", "runtime/"]).filter((line) => !allowed.has(line.split(" -> ")[1]));
    expect(crossings).toEqual([]);
  });
});
