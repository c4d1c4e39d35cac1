// The `service.monotonicReads` option: it resolves with its version field, puts the
// monotonic-reads checker in a service scenario's defaults only when set, and selecting the
// checker without it, or for the reference runtime, is bad input.
import { describe, expect, it } from "vitest";
import { badInput } from "../helpers.ts";
import { referenceCheckers } from "../../src/check/all-checkers.ts";
import { BadInputError, bankLedger, customerTable, defineScenario, validateScenario } from "../../src/index.ts";

const module = new URL("../../scenarios/services/customer-projection-shared.ts", import.meta.url);
const topics = { input: "customer-events", output: "customer-changes" };
const file = "scenarios/x.scenario.ts";

type Spec = { reader: string; namespace: string; version?: string };

function serviceScenario(monotonicReads: Spec | undefined, checkers?: readonly string[]) {
  return defineScenario({
    name: "mr-options",
    description: "d",
    service: { module, start: "start", topics, database: true, state: { namespace: "customers", in: "database" }, ...(monotonicReads === undefined ? {} : { monotonicReads }) },
    model: customerTable,
    ...(checkers === undefined ? {} : { checkers }),
  });
}

const names = (scenario: ReturnType<typeof validateScenario>) => scenario.checkers.map((c) => c.name);

describe("service.monotonicReads", () => {
  it("resolves the reader, the namespace and the version field (default version)", () => {
    expect(validateScenario(serviceScenario({ reader: "service-b", namespace: "customers" }), file).world.service?.monotonicReads).toEqual({ reader: "service-b", namespace: "customers", version: "version" });
    expect(validateScenario(serviceScenario({ reader: "r", namespace: "n", version: "rev" }), file).world.service?.monotonicReads).toEqual({ reader: "r", namespace: "n", version: "rev" });
    expect(validateScenario(serviceScenario(undefined), file).world.service?.monotonicReads).toBeNull();
  });

  it("puts monotonic-reads in a service scenario's default checkers only when set", () => {
    expect(names(validateScenario(serviceScenario({ reader: "service-b", namespace: "customers" }), file))).toContain("monotonic-reads");
    const without = names(validateScenario(serviceScenario(undefined), file));
    expect(without).not.toContain("monotonic-reads");
    // The other defaults still run.
    expect(without).toEqual(expect.arrayContaining(["exactly-once-state", "liveness"]));
  });

  it("accepts monotonic-reads selected with the option", () => {
    expect(names(validateScenario(serviceScenario({ reader: "service-b", namespace: "customers" }, ["monotonic-reads", "liveness"]), file))).toEqual(["liveness", "monotonic-reads"]);
  });

  it("refuses monotonic-reads selected without the option, naming the file, the checker and the option", () => {
    const message = badInput(() => validateScenario(serviceScenario(undefined, ["liveness", "monotonic-reads"]), file));
    expect(message).toContain(file);
    expect(message).toContain('"monotonic-reads"');
    expect(message).toContain("service.monotonicReads");
  });

  it("refuses a malformed option", () => {
    for (const bad of [{ reader: "r" }, { namespace: "n" }, { reader: 1, namespace: "n" }, { reader: "r", namespace: "n", version: 3 }, "service-b"]) {
      expect(() => validateScenario(serviceScenario(bad as unknown as Spec), file), JSON.stringify(bad)).toThrowError(BadInputError);
    }
  });

  it("refuses monotonic-reads selected for a reference-runtime scenario", () => {
    const message = badInput(() => validateScenario(defineScenario({ name: "ref", description: "d", processor: bankLedger, checkers: ["liveness", "monotonic-reads"] }), file));
    expect(message).toContain(file);
    expect(message).toContain('"monotonic-reads"');
  });

  it("leaves monotonic-reads out of a reference-runtime scenario's defaults", () => {
    const checkers = names(validateScenario(defineScenario({ name: "ref", description: "d", processor: bankLedger }), file));
    expect(checkers).not.toContain("monotonic-reads");
    expect(checkers).toEqual(referenceCheckers.map((c) => c.name));
    expect(checkers).toEqual(expect.arrayContaining(["exactly-once-state", "atomicity", "bounds", "liveness"]));
  });
});
