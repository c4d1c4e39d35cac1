// Kind names and intent names are stored in users' scenario and repro files, intent codes are
// hashed into histories, and the order of kinds and of their draws is part of what a seed
// generates. These tests pin them.
import fc from "fast-check";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { faultIntentDecls, faultModule } from "../../src/faults/catalogue.ts";
import { databaseFaultKinds, faultKinds } from "../../src/faults/fault-kind.ts";
import { faultModules, healOrder } from "../../src/faults/registry.ts";
import { bankLedger, defineScenario, validateScenario } from "../../src/index.ts";
import { scheduleArbitrary } from "../../src/fast-check.ts";
import { IntentSchema } from "../../src/schedule/intent-schema.ts";
import { intentCodes } from "../../src/schedule/intent.ts";

describe("the fault registry", () => {
  it("lists the kinds in their generation order, each registered under its own kind", () => {
    expect(faultKinds).toEqual([
      "lost-ack", "lost-request", "ambiguous-error", "reorder", "no-idempotence", "crash", "disk-wipe",
      "rebalance", "pause", "compaction", "restore-race", "truncation", "upstream-duplicate", "delayed-reply",
    ]);
    for (const [kind, module] of Object.entries(faultModules)) expect(module.kind).toBe(kind);
  });

  it("keeps every intent's name and history code", () => {
    expect(intentCodes).toEqual({
      produce: 1, retry: 2, step: 3, "lost-ack": 4, crash: 5, restart: 6, join: 7, leave: 8, compact: 9, tick: 10,
      "lost-request": 11, "ambiguous-error": 12, wipe: 13, pause: 14, resume: 15, truncate: 16, republish: 17, "delay-reply": 18,
    });
    expect(faultIntentDecls.map((d) => d.k)).toEqual(["lost-ack", "lost-request", "ambiguous-error", "crash", "restart", "wipe", "join", "leave", "pause", "resume", "compact", "truncate", "republish", "delay-reply"]);
  });

  it("heals in a fixed order, every kind with a heal exactly once", () => {
    expect(healOrder).toEqual(["lost-ack", "lost-request", "ambiguous-error", "delayed-reply", "pause", "crash", "rebalance"]);
    expect(faultKinds.filter((kind) => faultModule(kind).heal !== undefined).sort()).toEqual([...healOrder].sort());
  });

  // delayed-reply needs a service with a database: its generation is tested with one (test/scenario/database-options.test.ts).
  it.each(faultKinds.filter((kind) => !databaseFaultKinds.includes(kind)))("%s alone generates exactly its draws, and every generated intent reads back from a repro file", (kind) => {
    const scenario = validateScenario(defineScenario({ name: "one", description: "d", processor: bankLedger, faults: [kind], faultWeights: { [kind]: 3 } }), null);
    const intents = fc.sample(scheduleArbitrary(scenario.shape), { seed: 3, numRuns: 40 }).flatMap((s) => [...s.intents]);
    const drawn = new Set(faultModule(kind).draws.map((d) => d.k));
    const seen = new Set(intents.map((i) => i.k).filter((k) => k !== "produce" && k !== "step" && !(k === "tick" && !drawn.has("tick"))));
    expect([...seen].sort()).toEqual([...drawn].sort());
    const decode = Schema.decodeUnknownSync(IntentSchema);
    for (const intent of intents) expect(decode(JSON.parse(JSON.stringify(intent)))).toEqual(intent);
  });
});
