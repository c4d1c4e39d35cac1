/**
 * The virtual clock. Simulated time is a tick counter advanced only by the simulation
 * (one tick per executed intent or drain step, plus explicit `tick` intents), never read
 * from the machine, so session timeouts, delete retention and dedupe windows replay exactly.
 */
export class VirtualClock {
  private ticks = 0;

  /** Current time in ticks since the start of the run. */
  get nowTicks(): number {
    return this.ticks;
  }

  /** Move time forward; time never goes back. */
  advance(ticks: number): void {
    if (ticks > 0) this.ticks += ticks;
  }
}
