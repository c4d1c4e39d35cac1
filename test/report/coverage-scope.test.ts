// What a scenario's coverage shares are taken over: its enabled fault kinds (less those a fixed
// weight turns off), its runtime's crash points when it crashes, and whether low shares warn.
import { describe, expect, it } from "vitest";
import { bankLedger, defineScenario, validateScenario } from "../../src/index.ts";
import { defaultFaultKinds } from "../../src/faults/fault-kind.ts";
import { coverageScopeOf } from "../../src/report/coverage-scope.ts";
import { crashPointNames, referenceCrashPoints } from "../../src/runtime/task-phase.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { serviceCrashPoints } from "../../src/service/life.ts";

const scenario = (extra: Record<string, unknown>) => validateScenario(defineScenario({ name: "s", description: "d", processor: bankLedger, ...extra }), null);

describe("coverageScopeOf", () => {
  it("a default scenario: every fault kind, the reference runtime's crash points, warning", () => {
    expect(coverageScopeOf(scenario({}))).toEqual({ faultKinds: defaultFaultKinds(false), crashPoints: referenceCrashPoints.map((p) => crashPointNames[p]), crashPointsIfReached: [], warns: true });
  });

  it("no crash points without the crash fault; fixed weights of 0 leave their kinds out", () => {
    expect(coverageScopeOf(scenario({ faults: ["lost-ack", "pause"] }))).toMatchObject({ faultKinds: ["lost-ack", "pause"], crashPoints: [] });
    expect(coverageScopeOf(scenario({ faultWeights: { crash: 2, pause: 1 } })).faultKinds).toEqual(["crash", "pause"]);
  });

  it("a fixed schedule does not warn", () => {
    expect(coverageScopeOf(scenario({ schedule: { intents: [{ k: "tick", ticks: 1 }] } })).warns).toBe(false);
  });

  it("a service: its own crash points but idle, each counting only where some schedule stood at it", async () => {
    const [service] = await loadScenarioFile("scenarios/ledger-service.scenario.ts");
    const scope = coverageScopeOf(service);
    expect(scope.crashPoints).toEqual(serviceCrashPoints.slice(1));
    expect(scope.crashPointsIfReached).toEqual(serviceCrashPoints.slice(1));
  });
});
