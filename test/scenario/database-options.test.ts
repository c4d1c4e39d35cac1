// The external database options of a service scenario: `service.database`, state kept in the
// database, and the delayed-reply fault only such a service can meet.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { badInput } from "../helpers.ts";
import { BadInputError, bankLedger, defineScenario, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { faultKinds } from "../../src/faults/fault-kind.ts";

const module = new URL("../../scenarios/services/external-ledger-service.ts", import.meta.url);
const topics = { input: "ledger-commands", output: "ledger-events" };
const file = "scenarios/x.scenario.ts";

type Extra = { database?: boolean; state?: { namespace: string; in?: "store" | "database" } | false };

function serviceScenario(service: Extra, rest: { faults?: readonly (typeof faultKinds)[number][] } = {}) {
  return defineScenario({ name: "db-options", description: "d", service: { module, start: "start", topics, ...service }, model: bankLedger, ...rest });
}

describe("service.database and service.state in the database", () => {
  it("refuses state in the database without service.database: true, naming both", () => {
    for (const database of [undefined, false]) {
      const message = badInput(() => validateScenario(serviceScenario({ database, state: { namespace: "balances", in: "database" } }), file));
      expect(message).toContain(file);
      expect(message).toContain("service.state");
      expect(message).toContain("service.database");
    }
  });

  it("resolves state in the database with a database", () => {
    const scenario = validateScenario(serviceScenario({ database: true, state: { namespace: "balances", in: "database" } }), file);
    expect(scenario.world.service?.database).toBe(true);
    expect(scenario.world.service?.state).toEqual({ namespace: "balances", in: "database" });
  });

  it("keeps state in the store by default, with or without a database", () => {
    expect(validateScenario(serviceScenario({ state: { namespace: "balances" } }), file).world.service?.state).toEqual({ namespace: "balances", in: "store" });
    const withDatabase = validateScenario(serviceScenario({ database: true }), file).world.service;
    expect(withDatabase?.state).toEqual({ namespace: "state", in: "store" });
    expect(withDatabase?.database).toBe(true);
    expect(validateScenario(serviceScenario({}), file).world.service?.database).toBe(false);
  });

  it("rejects an unknown state location and a database that is not a boolean", () => {
    expect(() => validateScenario(serviceScenario({ state: { namespace: "s", in: "disk" as "store" } }), file)).toThrowError(BadInputError);
    expect(() => validateScenario(serviceScenario({ database: "yes" as unknown as boolean }), file)).toThrowError(BadInputError);
  });
});

describe("the delayed-reply fault", () => {
  it("is refused without a database, naming delayed-reply", () => {
    for (const database of [undefined, false]) {
      const message = badInput(() => validateScenario(serviceScenario({ database }, { faults: ["crash", "delayed-reply"] }), file));
      expect(message).toContain(file);
      expect(message).toContain('"delayed-reply"');
      expect(message).toContain("service.database: true");
    }
  });

  it("is refused for the reference runtime too", () => {
    const message = badInput(() => validateScenario(defineScenario({ name: "ref", description: "d", processor: bankLedger, faults: ["delayed-reply"] }), file));
    expect(message).toContain("delayed-reply");
  });

  it("is accepted when listed for a service with a database", () => {
    const scenario = validateScenario(serviceScenario({ database: true }, { faults: ["delayed-reply"] }), file);
    expect(scenario.shape.faults).toEqual(["delayed-reply"]);
  });

  it("is in the default faults of a service with a database, and the shape says database", () => {
    const scenario = validateScenario(serviceScenario({ database: true, state: { namespace: "balances", in: "database" } }), file);
    expect(scenario.shape.faults).toContain("delayed-reply");
    expect(scenario.shape.faults).toEqual(faultKinds);
    expect(scenario.shape.database).toBe(true);
  });

  it("is in neither the default faults nor the shape of a service without one, or of the reference runtime", () => {
    const service = validateScenario(serviceScenario({ state: { namespace: "balances" } }), file);
    const reference = validateScenario(defineScenario({ name: "ref", description: "d", processor: bankLedger }), null);
    for (const scenario of [service, reference]) {
      expect(scenario.shape.faults).not.toContain("delayed-reply");
      expect(scenario.shape.faults).toEqual(faultKinds.filter((kind) => kind !== "delayed-reply"));
      expect("database" in scenario.shape).toBe(false);
    }
  });

  it("draws database targets and delay-reply intents only for a shape with a database", () => {
    const faults = ["lost-ack", "lost-request", "ambiguous-error", "delayed-reply"] as const;
    const withDatabase = validateScenario(serviceScenario({ database: true }, { faults }), null);
    const without = validateScenario(serviceScenario({}, { faults: faults.filter((kind) => kind !== "delayed-reply") }), null);
    const intentsOf = (shape: typeof withDatabase.shape) => fc.sample(scheduleArbitrary(shape), { seed: 1, numRuns: 60 }).flatMap((s) => s.intents as ReadonlyArray<{ k: string; target?: number }>);
    const drawn = intentsOf(withDatabase.shape);
    expect(drawn.some((i) => i.k === "delay-reply")).toBe(true);
    expect(drawn.some((i) => i.target === 3)).toBe(true);
    const plain = intentsOf(without.shape);
    expect(plain.some((i) => i.k === "delay-reply")).toBe(false);
    expect(plain.some((i) => i.target === 3)).toBe(false);
    expect(plain.some((i) => i.target !== undefined)).toBe(true);
  });
});
