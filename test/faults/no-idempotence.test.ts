import { describe, expect, it } from "vitest";
import { faultSettings } from "../../src/faults/catalogue.ts";
import { noIdempotenceFault } from "../../src/faults/no-idempotence.ts";
import type { Intent } from "../../src/schedule/intent.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { bites } from "../helpers/faults.ts";
import { ledgerConfig } from "../helpers/world.ts";

const lostAckThenRetry: Intent[] = [{ k: "lost-ack", target: 0 }, { k: "produce", producer: 0, key: 0, draw: 1 }, { k: "retry", producer: 0, index: 0 }];

describe("no-idempotence", () => {
  it("is a run setting: no intents, nothing to heal, the idempotent producer off when it weighs anything", () => {
    expect(noIdempotenceFault.intents).toEqual([]);
    expect(noIdempotenceFault.draws).toEqual([]);
    expect(noIdempotenceFault.heal).toBeUndefined();
    expect(faultSettings({ "no-idempotence": 1 }).idempotentProducer).toBe(false);
    expect(faultSettings({ "no-idempotence": 0 }).idempotentProducer).toBe(true);
    expect(faultSettings({}).idempotentProducer).toBe(true);
  });

  it("turned on, a producer retry after a lost ACK appends a duplicate", () => {
    const dedupeIds = (mix: Record<string, number>) => runSchedule(ledgerConfig(), { seed: 1, faultMix: mix, intents: lostAckThenRetry }).input[0].map((r) => r.value!.dedupeId);
    expect(dedupeIds({ "no-idempotence": 2 })).toEqual(["p0-0", "p0-0"]);
    expect(dedupeIds({})).toEqual(["p0-0"]);
  });

  it("counts as reached in every run that turns it on", () => {
    expect(bites(noIdempotenceFault, [], { weight: 1 })).toBe(true);
    expect(bites(noIdempotenceFault, [], { weight: 0 })).toBe(false);
  });
});
