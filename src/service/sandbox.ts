/**
 * The sandbox a service runs in: a `vm` context of its own, built once per world (schedule),
 * whose microtask queue the simulator drains synchronously (`microtaskMode: "afterEvaluate"`:
 * microtasks queued in the context run when an evaluation in it returns). That is what lets
 * an async service run inside a synchronous, deterministic simulation: the simulator settles
 * one operation, drains, and every continuation the settlement woke has run before the next
 * step. Dropping the world drops the context, and with it every module state of every life.
 *
 * Inside, time and randomness are virtual: `Date`, `performance.now`, `setTimeout`,
 * `setInterval`, `setImmediate` and `Math.random` call back into the host ({@link SandboxHost}),
 * which answers from the virtual clock and from the PRNG stream of the life that is running.
 * `fetch` and `process.exit` escape the simulation: they stop the run (exit 2), but for a
 * `process.exit` that ends a shutdown the service began on SIGTERM. `process.on` keeps its
 * listeners in the running life (a SIGTERM handler is how a service shuts down gracefully).
 *
 * Only one life's code runs at a time (the simulator drains after each settlement), so the
 * host knows whose timer or random draw it is serving.
 */
import * as vm from "node:vm";
import { withinMs } from "../core/watchdog.ts";

/** What the sandbox asks of the simulator. */
export interface SandboxHost {
  /** Virtual time in ms. */
  now(): number;
  /** A random float in [0, 1) for the running life. */
  random(): number;
  /** Register a timer of the running life; returns its id. */
  setTimer(callback: (...args: unknown[]) => unknown, delayMs: number, args: unknown[], repeat: boolean): number;
  /** Drop a timer of the running life. */
  clearTimer(id: number): void;
  /** The service tried to leave the simulation; returns the error to throw in it. */
  escape(what: string): Error;
  /** `process.on` / `process.once` of the running life. */
  addProcessListener(event: string, listener: (...args: unknown[]) => unknown, once: boolean): void;
  /** `process.off`: drop `listener` of `event` (every listener of `event` when absent). */
  removeProcessListener(event: string, listener?: unknown): void;
  /** `process.listeners(event)` of the running life. */
  processListeners(event: string): unknown[];
  /** `process.exit()`: ends a life shutting down after a SIGTERM, else escapes; returns the error to throw in the service. */
  exit(): Error;
  /** `process.kill(pid, signal)`: the process signals itself (see `ServiceSandbox`); true, as Node answers. */
  kill(pid: unknown, signal: unknown): boolean;
  /** Where the service's console goes (undefined: nowhere, the default). */
  log?(args: unknown[]): void;
}

// Run in the context once: replaces the clock, timers and randomness with the host's.
const setupSource = `(function (host, Buffer, TextEncoder, TextDecoder, URL, URLSearchParams, AbortController, AbortSignal) {
  "use strict";
  const RealDate = Date;
  const origin = host.now();
  function VirtualDate(...args) {
    if (!new.target) return new RealDate(host.now()).toString();
    return args.length === 0 ? new RealDate(host.now()) : new RealDate(...args);
  }
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = () => host.now();
  VirtualDate.parse = RealDate.parse;
  VirtualDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, "constructor", { value: VirtualDate, writable: true, configurable: true });
  globalThis.Date = VirtualDate;
  Math.random = () => host.random();
  // Nothing in a simulated run reads a stack trace, and capturing one for every retriable
  // kafkajs error is a good part of a service's cost (kept when the service's log is shown).
  if (host.log === undefined) Error.stackTraceLimit = 0;
  class Timeout {
    constructor(id) { this.id = id; }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    [Symbol.toPrimitive]() { return this.id; }
  }
  const idOf = (t) => (t instanceof Timeout ? t.id : typeof t === "number" ? t : -1);
  globalThis.setTimeout = (fn, ms, ...args) => new Timeout(host.setTimer(fn, Number(ms) || 0, args, false));
  globalThis.setInterval = (fn, ms, ...args) => new Timeout(host.setTimer(fn, Number(ms) || 0, args, true));
  globalThis.setImmediate = (fn, ...args) => new Timeout(host.setTimer(fn, 0, args, false));
  globalThis.clearTimeout = globalThis.clearInterval = globalThis.clearImmediate = (t) => { if (t != null) host.clearTimer(idOf(t)); };
  globalThis.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
  globalThis.performance = { now: () => host.now() - origin, timeOrigin: origin };
  globalThis.fetch = () => { throw host.escape("fetch() (real network I/O)"); };
  const quiet = () => {};
  const say = host.log === undefined ? quiet : (...args) => host.log(args);
  globalThis.console = { log: say, info: say, warn: say, error: say, debug: say, trace: quiet, dir: say, table: quiet, time: quiet, timeEnd: quiet, group: quiet, groupEnd: quiet, assert: quiet };
  globalThis.process = {
    env: {}, argv: ["node", "service"], platform: "linux", version: "v20.0.0", versions: { node: "20.0.0" }, pid: 1,
    nextTick: (fn, ...args) => { Promise.resolve().then(() => fn(...args)); },
    exit: () => { throw host.exit(); },
    kill: (pid, signal) => host.kill(pid, signal),
    on(event, listener) { host.addProcessListener(String(event), listener, false); return this; },
    addListener(event, listener) { return this.on(event, listener); },
    prependListener(event, listener) { return this.on(event, listener); },
    once(event, listener) { host.addProcessListener(String(event), listener, true); return this; },
    prependOnceListener(event, listener) { return this.once(event, listener); },
    off(event, listener) { if (listener !== undefined) host.removeProcessListener(String(event), listener); return this; },
    removeListener(event, listener) { return this.off(event, listener); },
    removeAllListeners(event) { host.removeProcessListener(String(event)); return this; },
    listeners: (event) => host.processListeners(String(event)),
    listenerCount: (event) => host.processListeners(String(event)).length,
    emit() { return false; },
    cwd: () => "/", hrtime: Object.assign(() => { const ms = host.now() - origin; return [Math.floor(ms / 1000), (ms % 1000) * 1e6]; }, { bigint: () => BigInt(Math.round((host.now() - origin) * 1e6)) }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
  };
  Object.assign(globalThis, { Buffer, TextEncoder, TextDecoder, URL, URLSearchParams, AbortController, AbortSignal, global: globalThis });
})`;

const setupScript = new vm.Script(setupSource, { filename: "eosim:sandbox-setup" });
const emptyScript = new vm.Script("undefined", { filename: "eosim:drain" });

/** One world's sandbox. */
export class Sandbox {
  readonly context: vm.Context;

  constructor(host: SandboxHost) {
    this.context = vm.createContext({}, { microtaskMode: "afterEvaluate", codeGeneration: { strings: true, wasm: false } });
    const setup = setupScript.runInContext(this.context) as (...args: unknown[]) => void;
    setup(host, Buffer, TextEncoder, TextDecoder, URL, URLSearchParams, AbortController, AbortSignal);
    emptyScript.runInContext(this.context);
  }

  /** Run every microtask queued in the sandbox, and those they queue, until none is left. */
  drain(): void {
    emptyScript.runInContext(this.context);
  }

  /** Evaluate compiled `script` in the sandbox (draining afterwards). */
  evaluate(script: vm.Script): unknown {
    return script.runInContext(this.context);
  }

  /**
   * Run `body` (host code that steps the sandbox) under a watchdog: a synchronous loop in the
   * service that outlives `timeoutMs` of real time is interrupted, and `onTimeout` names it.
   */
  guard<T>(body: () => T, timeoutMs: number, onTimeout: () => Error): T {
    // The watchdog's context is its own: an evaluation nested in the sandbox's would hold back
    // the sandbox's microtask checkpoints until the outermost one returns.
    return withinMs(timeoutMs, body, onTimeout);
  }
}
