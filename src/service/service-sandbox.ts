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
import { messageOf } from "./service-error.ts";
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
      escape: (what) => this.escape(what),
      addProcessListener: (event, listener, once) => {
        if (typeof listener !== "function") throw new TypeError(`The "listener" argument must be of type function. Received ${typeof listener}`);
        this.running().processEvents.add(event, listener, once);
      },
      removeProcessListener: (event, listener) => this.current?.processEvents.remove(event, listener),
      processListeners: (event) => this.current?.processEvents.listeners(event) ?? [],
      exit: () => {
        const life = this.current;
        // After a SIGTERM the service ends its own shutdown; the error unwinds what called it.
        if (life === null || !life.stopping) return this.escape("process.exit()");
        life.exited = true;
        return new Error("process.exit() ended the process");
      },
      kill: (pid, signal) => this.kill(pid, signal),
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

  /**
   * Call `life`'s listeners of signal `name` (Node passes them its name). One that throws, or
   * whose promise rejects, is an uncaught exception that would crash a Node process: the run
   * stops on it, unless the process has already exited.
   */
  signal(life: Life, name: string): void {
    try {
      for (const listener of life.processEvents.take(name)) {
        this.library.watchRejection(listener(name), (error) => {
          if (!life.exited) life.fatal ??= `its ${name} handler rejected: ${messageOf(error)}`;
        });
      }
    } catch (error) {
      if (!life.exited) life.fatal ??= `its ${name} handler threw: ${messageOf(error)}`;
    }
  }

  /**
   * `process.kill(process.pid, signal)`, as kafkajs's documentation ends a shutdown: signal 0
   * only asks whether the process exists; a signal with listeners calls them; SIGKILL, or a
   * signal nobody listens to, ends the process, which after a SIGTERM is its exit. Any other
   * use (another pid, killing itself outside a shutdown) leaves the simulation.
   */
  private kill(pid: unknown, signal: unknown): boolean {
    const life = this.running();
    const name = signal === undefined ? "SIGTERM" : String(signal);
    if (Number(pid) !== 1) throw this.escape("process.kill() of another process");
    if (name === "0") return true;
    if (name !== "SIGKILL" && life.processEvents.has(name)) {
      this.signal(life, name);
      return true;
    }
    if (!life.stopping) throw this.escape(`process.kill(process.pid, "${name}")`);
    life.exited = true;
    return true;
  }

  private escape(what: string): Error {
    const life = this.current;
    const message = `${what} is not allowed inside eosim's simulation`;
    if (life !== null) life.fatal ??= message;
    return new Error(message);
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
