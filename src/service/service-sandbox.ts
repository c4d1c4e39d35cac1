/**
 * Everything the service instances of one world share: the sandbox, the module registry, the
 * library (simulated kafkajs client and store facade) evaluated in it, and which life is
 * running now, so virtual timers and random draws go to the life whose code asked for them.
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
  /** Description of what is running, for a stuck-loop message. */
  doing = "";

  constructor(clock: VirtualClock) {
    this.sandbox = new Sandbox({
      now: () => msAt(clock.nowTicks),
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
      ...(process.env.EOSIM_SERVICE_LOG ? { log: (args: unknown[]) => console.error(`[instance ${this.current?.instance ?? "?"} t=${clock.nowTicks}]`, ...args) } : {}),
    });
    this.registry = new ModuleRegistry(this.sandbox);
    this.library = this.sandbox.evaluate(sandboxBundle()) as SandboxLibrary;
  }

  private running(): Life {
    const life = this.current;
    if (life === null) throw new Error("eosim: service code ran outside any step");
    return life;
  }
}
