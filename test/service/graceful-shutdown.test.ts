// A graceful leave of a service that handles SIGTERM is the leave a deploy makes: the process
// gets SIGTERM, its own code shuts it down (kafkajs's disconnect leaves the group), and once it
// exits the host starts a new process on its disk; a shutdown that outlives the grace period
// is killed. A service without a handler leaves the group and runs on, as before.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Op } from "../../src/core/history.ts";
import { limits } from "../../src/core/limits.ts";
import { runScenario } from "../../src/index.ts";
import { HistoryDecoder } from "../../src/report/html/history-events.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { ProcessEvents } from "../../src/service/process-events.ts";
import { serviceCrashPoints } from "../../src/service/life.ts";
import { runSchedule } from "../../src/sim/run-schedule.ts";
import { builtInScenario } from "../helpers.ts";

const fixture = fileURLToPath(new URL("../fixtures/services/shutdown.scenario.ts", import.meta.url));
const opNames = Object.fromEntries(Object.entries(Op).map(([name, code]) => [code, name]));

/** The fault phase's history of the fixture started with `start`, as op names of instance 0 (and rebalances). */
async function lifecycle(start: string): Promise<string[]> {
  const [scenario] = await loadScenarioFile(fixture);
  expect(scenario.world.instances).toBe(3); // the member counts below
  const world = { ...scenario.world, service: { ...scenario.world.service!, start } };
  const data = runSchedule(world, scenario.shape.fixed!).history.data;
  const ops: string[] = [];
  let intents = 0;
  for (let i = 0; i < data.length; i += 4) {
    const op = data[i];
    if (op === Op.phase && data[i + 1] === 1) break; // heal
    if (op === Op.intent) intents++;
    // A crash is named with the intents played before it (the grace period ends after an intent).
    if (op === Op.crash && data[i + 1] === 0) ops.push(`crash@${intents}`);
    else if ([Op.terminate, Op.exit, Op.restart].includes(op as never) && data[i + 1] === 0) ops.push(opNames[op]);
    if (op === Op.rebalance) ops.push(`rebalance:${data[i + 2]}`);
  }
  return ops;
}

describe("a graceful leave of a service", () => {
  it("that shuts down as kafkajs documents: SIGTERM, it leaves the group, exits, and a new process starts and rejoins", async () => {
    const ops = await lifecycle("graceful");
    const terminate = ops.indexOf("terminate");
    expect(terminate).toBeGreaterThan(0);
    // Its own disconnect left the group (three members become two), then it exited and came back.
    // The second leave, while it was shutting down, did nothing: the new process joined.
    expect(ops.slice(terminate)).toEqual(["terminate", "rebalance:2", "exit", "restart", "rebalance:3"]);
    expect(ops.some((op) => op.startsWith("crash"))).toBe(false);
  });

  it("shows the SIGTERM and the exit on the instance's lane of a failure report", async () => {
    const [scenario] = await loadScenarioFile(fixture);
    const view = runSchedule(scenario.world, scenario.shape.fixed!);
    const events = new HistoryDecoder(view).decode(0, view.history.data.length / 4, 0).filter((e) => e.op === "terminate" || e.op === "exit");
    expect(events.map((e) => [e.lane, e.text])).toEqual([
      ["instance-0", "instance 0 gets SIGTERM (a graceful leave) and shuts itself down"],
      ["instance-0", "instance 0 exits after its shutdown; a new process starts on its disk"],
    ]);
  });

  it("that ends its shutdown with process.exit exits the same way", async () => {
    const ops = await lifecycle("exits");
    expect(ops.slice(ops.indexOf("terminate"))).toEqual(["terminate", "rebalance:2", "exit", "restart", "rebalance:3"]);
  });

  it(`that never ends its shutdown is killed ${limits.shutdownGraceTicks} ticks after its SIGTERM, and a new process starts`, async () => {
    const ops = await lifecycle("lingers");
    // It never left: the kill, after the second tick of 20 (the ninth intent) since the SIGTERM
    // (the fourth), not the first, ends its session; a new process starts (it joins when next stepped).
    expect(ops.slice(ops.indexOf("terminate"))).toEqual(["terminate", "crash@9", "rebalance:2", "restart"]);
  });

  it("without a SIGTERM handler leaves the group and runs on: no SIGTERM, no exit", async () => {
    const ops = await lifecycle("unhandled");
    expect(ops).not.toContain("terminate");
    expect(ops).not.toContain("exit");
    expect(ops).not.toContain("restart");
    expect(ops.at(-1)).toBe("rebalance:2");
  });

  it("that calls process.exit outside a shutdown stops the run: it would leave the simulation", async () => {
    await expect(lifecycle("exitsEarly")).rejects.toThrow(/instance \d \(life 1, step \d+ of the schedule\): process\.exit\(\) is not allowed inside eosim's simulation/);
  });

  it("lets the ledger service's aimed crashes reach its leave, which only its SIGTERM handler awaits", async () => {
    const scenario = await builtInScenario("ledger-service");
    const result = runScenario(scenario, { seed: 1, runs: 300 });
    expect(result.status).toBe("passed");
    const counts = result.coverage.counts;
    expect(counts.get("crash-point:before-leave") ?? 0).toBeGreaterThan(0);
    expect(serviceCrashPoints).toContain("before-leave");
  });
});

describe("process listeners of a life", () => {
  it("keep registration order, drop once-listeners when the event is taken, and remove one registration or all", () => {
    const events = new ProcessEvents();
    const a = () => "a";
    const b = () => "b";
    events.add("SIGTERM", a, true);
    events.add("SIGTERM", b, false);
    events.add("exit", a, false);
    expect(events.take("SIGTERM")).toEqual([a, b]);
    expect(events.listeners("SIGTERM")).toEqual([b]);
    events.add("SIGTERM", b, false);
    events.remove("SIGTERM", b);
    expect(events.listeners("SIGTERM")).toEqual([b]);
    events.remove("SIGTERM");
    expect(events.has("SIGTERM")).toBe(false);
    expect(events.has("exit")).toBe(true);
  });
});
