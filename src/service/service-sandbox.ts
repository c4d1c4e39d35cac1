/**
 * Everything the service instances of one world share: the sandbox, the module registry, the
 * library (simulated kafkajs client and store facade) evaluated in it, and which life is
 * running now, so virtual timers and random draws go to the life whose code asked for them.
 *
 * Building a sandbox costs about a tenth of a schedule, so a run reuses one from world to
 * world ({@link ServiceSandbox.for}): nothing of a world stays in it (module state lives in
 * each life's module functions, timers in each life), unless the service's code added a
 * global, which `release` notices and then drops the sandbox, so the next world starts from a
 * clean one. Simplification: a change to an existing built-in (a patched prototype) is not
 * noticed.
 */
import type { VirtualClock } from "../core/clock.ts";
import type { Life } from "./life.ts";
import { ModuleRegistry } from "./module-registry.ts";
import { Sandbox } from "./sandbox.ts";
import { sandboxBundle, type SandboxLibrary } from "./sandbox-bundle.ts";
import { msAt } from "./virtual-time.ts";

export class ServiceSandbox {
  readonly sandbox: Sandbox;
  readonly registry: ModuleRegistry;
  readonly library: SandboxLibrary;
  /** The life whose code runs now (set by the instance before it settles or starts). */
  current: Life | null = null;
  /** The clock of the world using the sandbox now. */
  private clock: VirtualClock;
  private readonly globals: number;

  private constructor(clock: VirtualClock) {
    this.clock = clock;
    this.sandbox = new Sandbox({
      now: () => msAt(this.clock.nowTicks),
      random: () => this.running().random.next(),
      setTimer: (callback, delayMs, args, repeat) => this.running().setTimer(callback, delayMs, args, repeat),
      clearTimer: (id) => this.current?.clearTimer(id),
      escape: (what) => {
        const life = this.current;
        const message = `${what} is not allowed inside eosim's simulation`;
        if (life !== null) life.fatal ??= message;
        return new Error(message);
      },
      // EOSIM_SERVICE_LOG=1 shows the services' console output on stderr (debugging a service).
      ...(process.env.EOSIM_SERVICE_LOG ? { log: (args: unknown[]) => console.error(`[instance ${this.current?.instance ?? "?"} t=${this.clock.nowTicks}]`, ...args) } : {}),
    });
    this.registry = new ModuleRegistry(this.sandbox);
    this.library = this.sandbox.evaluate(sandboxBundle()) as SandboxLibrary;
    this.globals = globalCount(this.sandbox);
  }

  private static idle: ServiceSandbox | null = null;

  /** A sandbox for a new world on `clock`: the one the last world released, or a new one. */
  static for(clock: VirtualClock): ServiceSandbox {
    const reused = ServiceSandbox.idle;
    ServiceSandbox.idle = null;
    if (reused === null) return new ServiceSandbox(clock);
    reused.clock = clock;
    reused.current = null;
    return reused;
  }

  /** The world is done with the sandbox: keep it for the next one, unless the service left a global behind. */
  release(): void {
    this.current = null;
    if (globalCount(this.sandbox) === this.globals) ServiceSandbox.idle = this;
  }

  private running(): Life {
    const life = this.current;
    if (life === null) throw new Error("eosim: service code ran outside any step");
    return life;
  }
}

function globalCount(sandbox: Sandbox): number {
  return Object.getOwnPropertyNames(sandbox.context).length;
}
