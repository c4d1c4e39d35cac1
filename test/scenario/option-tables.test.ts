// The option tables are the one source of scenario and runtime options: the TSDoc on each
// entry (what an editor shows) states the same bounds and defaults as the entry's data, and a
// scenario that leaves an option out gets the table's default.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { boundText, type OptionSpec, type OptionTable } from "../../src/core/option-spec.ts";
import { bankLedger, defineScenario, referenceRuntime, validateScenario } from "../../src/index.ts";
import { runtimeOptionSpecs } from "../../src/runtime/runtime-options.ts";
import { compactionOptionSpecs, scenarioOptionSpecs, topologyOptionSpecs, workloadOptionSpecs } from "../../src/scenario/scenario-options.ts";

/** The TSDoc text of every entry of the object literal assigned to `table` in `file`. */
function entryDocs(file: string, table: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const docs = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === table && node.initializer !== undefined) {
      const literal = ts.isAsExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (!ts.isObjectLiteralExpression(literal)) throw new Error(`${table} is not an object literal`);
      for (const property of literal.properties) {
        const text = ts.getJSDocCommentsAndTags(property).map((doc) => ts.getTextOfJSDocComment((doc as ts.JSDoc).comment) ?? "").join(" ");
        docs.set(property.name!.getText(), text.replace(/\s+/g, " "));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
}

const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** What the TSDoc of an entry must say, given its spec; `statesDefault` for scenario options. */
function expectDocAgrees(name: string, doc: string, spec: OptionSpec, statesDefault: boolean): void {
  expect(doc, `${name} has TSDoc`).not.toBe("");
  if (spec.kind === "int" || spec.kind === "weights") expect(doc, name).toContain(boundText(spec));
  if (spec.kind === "range") {
    expect(doc, name).toContain(boundText(spec.min));
    expect(doc, name).toContain(boundText(spec.max));
    expect(doc.match(/`min` defaults to (\d+)/)?.[1], `${name}: min's default`).toBe(String(spec.min.default));
    expect(doc.match(/`max` to the larger of `min` and (\d+)/)?.[1], `${name}: max's default`).toBe(String(spec.max.default));
  }
  if (spec.kind === "choice" && /"[a-z-]+"/.test(doc)) {
    for (const value of spec.values) expect(doc, `${name} names every value`).toContain(JSON.stringify(value));
  }
  const stated = [...doc.matchAll(/\bDefault (-?\d[\d,]*|"[^"]*"|true|false|null)/g)].map((m) => m[1]);
  if (statesDefault && "default" in spec && spec.default !== undefined) expect(stated, `${name} states its default`).toEqual([shown(spec.default)]);
  else expect(stated, `${name} states no default it does not have`).toEqual([]);
}

const scenarioTables: Array<[string, OptionTable]> = [
  ["topologyOptionSpecs", topologyOptionSpecs],
  ["workloadOptionSpecs", workloadOptionSpecs],
  ["compactionOptionSpecs", compactionOptionSpecs],
  ["scenarioOptionSpecs", scenarioOptionSpecs],
];

describe("option tables", () => {
  it.each(scenarioTables)("the TSDoc of every entry of %s states its bounds and default", (table, specs) => {
    const docs = entryDocs("src/scenario/scenario-options.ts", table);
    expect([...docs.keys()]).toEqual(Object.keys(specs));
    for (const [name, spec] of Object.entries(specs)) expectDocAgrees(`${table}.${name}`, docs.get(name)!, spec, true);
  });

  it("the TSDoc of every runtime knob agrees with its values and bounds", () => {
    const docs = entryDocs("src/runtime/runtime-options.ts", "runtimeOptionSpecs");
    expect([...docs.keys()]).toEqual(Object.keys(runtimeOptionSpecs));
    // The reference runtime is the default of every knob, which the module header says once.
    for (const [name, spec] of Object.entries(runtimeOptionSpecs)) expectDocAgrees(`runtime.${name}`, docs.get(name)!, spec, false);
  });

  it("the reference runtime is every knob's default", () => {
    expect(Object.keys(referenceRuntime)).toEqual(Object.keys(runtimeOptionSpecs));
    for (const [name, spec] of Object.entries(runtimeOptionSpecs)) expect(referenceRuntime[name as keyof typeof referenceRuntime], name).toBe(spec.default);
  });

  it("a scenario that sets nothing gets every default of the tables", () => {
    const scenario = validateScenario(defineScenario({ name: "defaults", description: "d", processor: bankLedger }), null);
    expect(scenario.world).toMatchObject({
      runtime: referenceRuntime,
      partitions: topologyOptionSpecs.partitions.default,
      instances: topologyOptionSpecs.instances.default,
      producers: topologyOptionSpecs.producers.default,
      keys: workloadOptionSpecs.keys.default,
      compaction: { segmentRecords: compactionOptionSpecs.segmentRecords.default, deleteRetentionTicks: compactionOptionSpecs.deleteRetentionTicks.default },
      sessionTimeoutTicks: scenarioOptionSpecs.sessionTimeoutTicks.default,
      brokerBugs: { earlyTombstoneRemoval: compactionOptionSpecs.earlyTombstoneRemoval.default },
      store: scenarioOptionSpecs.store.default,
    });
    expect(scenario.shape).toMatchObject({
      keys: topologyOptionSpecs.keys.default,
      minIntents: scenarioOptionSpecs.intents.min.default,
      maxIntents: scenarioOptionSpecs.intents.max.default,
      republishDistanceMax: scenarioOptionSpecs.republishDistanceMax.default,
    });
    expect([scenario.runs, scenario.expect]).toEqual([scenarioOptionSpecs.runs.default, scenarioOptionSpecs.expect.default]);
    const events = validateScenario(defineScenario({ name: "events", description: "d", processor: bankLedger, workload: { events: {} } }), null);
    expect(events.shape.events).toEqual({ min: workloadOptionSpecs.events.min.default, max: workloadOptionSpecs.events.max.default });
  });
});
