/**
 * The phases after the fault phase. Heal stops injecting faults and undoes their lasting
 * effects, each fault kind's module its own (armed network faults are dropped, paused
 * instances resume, crashed ones restart, left ones rejoin), then producers retry until
 * every event is acknowledged. Drain then steps every instance round-robin until a whole round
 * makes no progress, within a tick budget; running out of budget is a liveness failure.
 */
import { SendTarget } from "../broker/send-outcome.ts";
import { Op } from "../core/history.ts";
import { invariant } from "../core/invariant.ts";
import { limits } from "../core/limits.ts";
import { healFaults } from "../faults/catalogue.ts";
import type { ServiceProcess } from "../service/service-process.ts";
import type { World } from "./world.ts";

/** Phase codes recorded in histories. */
export const PhaseCode = { faults: 0, heal: 1, drain: 2, done: 3 } as const;

/** Heal the world after the fault phase. */
export function heal(world: World): void {
  world.history.record(Op.phase, PhaseCode.heal);
  healFaults(world);
  for (const producer of world.producers) {
    for (let i = 0; producer.pending.length > 0; i++) {
      invariant(i < limits.healRetriesMax * 16, "producer retries did not converge after faults were healed");
      producer.retry(0);
    }
  }
}

/** Outcome of the drain phase. */
export interface DrainResult {
  readonly converged: boolean;
  readonly ticks: number;
  readonly budgetTicks: number;
}

/**
 * Step every instance until quiescent or out of budget. `onStep`, when given, is called after
 * every step of an instance that made progress (a failure report's re-run watches the world
 * there; `sim/run-schedule.ts`).
 */
export function drain(world: World, onStep?: (instance: number) => void): DrainResult {
  world.history.record(Op.phase, PhaseCode.drain);
  let inputs = 0;
  for (let p = 0; p < world.config.partitions; p++) inputs += world.broker.endOffset(SendTarget.input, p);
  const budgetTicks = Math.max(limits.drainTicksMin, inputs * limits.drainTicksPerEvent);
  // A user's service may be waiting out a retry backoff or a sleep, which only time ends: it
  // is quiescent after a stretch of rounds without progress longer than any backoff.
  const quietNeeded = world.service === null ? 1 : limits.serviceQuietTicks;
  let quiet = 0;
  for (let ticks = 0; ticks < budgetTicks; ticks++) {
    let progressed = false;
    for (const host of world.hosts) {
      const moved = host.step();
      if (moved && onStep !== undefined) onStep(host.id);
      progressed = moved || progressed;
    }
    world.clock.advance(1);
    // A user's service can lose its session while it runs (a long handler without heartbeats).
    if (world.service !== null) world.expireSessions();
    quiet = progressed ? 0 : quiet + 1;
    if (quiet >= quietNeeded) {
      if (world.service !== null) for (const host of world.hosts) if (host.alive && !host.paused) (host.service as ServiceProcess).checkFinished();
      world.history.record(Op.phase, PhaseCode.done);
      return { converged: true, ticks, budgetTicks };
    }
  }
  world.history.record(Op.phase, PhaseCode.done);
  return { converged: false, ticks: budgetTicks, budgetTicks };
}
