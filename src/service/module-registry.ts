/**
 * Loading a user's service modules into a sandbox, with module state per life.
 *
 * Every file (TypeScript or JavaScript, ES module or CommonJS) is transpiled once per process
 * to a CommonJS function and compiled once (`vm.Script`); each sandbox turns it into a
 * function once; each life of an instance calls it afresh with its own `require`, so each
 * life gets its own module state (its own Kafka client, caches, maps) exactly as separate
 * processes would, and nothing of it outlives the sandbox: this registry is dropped with the
 * world, where the ESM loader's cache would keep every evaluation forever.
 *
 * `require("kafkajs")` (and `"eosim/kafkajs"`) gives the life's simulated client, and
 * `require("eosim/store")` the life's store and the world's database (`{ store, database }`). Node's
 * built-in modules without I/O are passed through; those with I/O (fs, net, http, child
 * processes, workers, ...) stop the run with a one-line error, as does a module that cannot
 * be found. Packages from node_modules load through the same registry.
 */
import { readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import nodeCrypto from "node:crypto";
import { dirname, extname } from "node:path";
import vm from "node:vm";
import { transformSync } from "esbuild";
import type { Sandbox } from "./sandbox.ts";
import { ServiceError } from "./service-error.ts";

type ModuleFunction = (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

const compiled = new Map<string, vm.Script>();

const loaders: Record<string, "ts" | "js" | "tsx" | "jsx"> = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js", ".jsx": "jsx" };

/** The compiled CommonJS wrapper of `file` (transpiled on first use in this process). */
function scriptOf(file: string): vm.Script {
  let script = compiled.get(file);
  if (script !== undefined) return script;
  const source = readFileSync(file, "utf8");
  let code: string;
  if (extname(file) === ".json") code = `module.exports = ${source};`;
  else {
    try {
      code = transformSync(source, { loader: loaders[extname(file)] ?? "js", format: "cjs", target: "node20", sourcefile: file, supported: { "dynamic-import": false } }).code;
    } catch (error) {
      const reason = (error as Error).message.split("\n").find((line) => line.includes("error:")) ?? (error as Error).message.split("\n")[0];
      if (/top-level await/i.test(reason)) throw new ServiceError(`service module ${file} uses top-level await, which eosim cannot run: start the service from a function (e.g. \`run().catch(...)\`)`);
      throw new ServiceError(`service module ${file} does not compile: ${reason.trim()}`);
    }
  }
  script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file });
  compiled.set(file, script);
  return script;
}

// Built-ins that do I/O or reach outside the process: a service that imports one cannot run deterministically.
const forbidden = new Set(["fs", "fs/promises", "net", "http", "https", "http2", "tls", "dgram", "dns", "dns/promises", "child_process", "cluster", "worker_threads", "inspector", "readline", "repl", "os", "v8", "vm", "perf_hooks", "async_hooks", "process", "module", "trace_events", "wasi", "sqlite", "test"]);
const builtins = new Set(builtinModules);

/** Virtual stand-ins for the random parts of `crypto` (the rest is pure and passed through). */
function virtualCrypto(random: () => number): typeof nodeCrypto {
  const randomBytes = (size: number): Buffer => {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
    return bytes;
  };
  const randomUUID = (): string => {
    const b = randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const randomInt = (min: number, max?: number): number => (max === undefined ? Math.floor(random() * min) : min + Math.floor(random() * (max - min)));
  return { ...nodeCrypto, randomBytes, randomUUID, randomInt, default: undefined } as unknown as typeof nodeCrypto;
}

/** What a life provides to its modules besides files. */
export interface LifeModules {
  /** The module object `require("kafkajs")` returns for this life. */
  readonly kafkajs: unknown;
  /** The life's store (what `require("eosim/store")` gives as `store`). */
  readonly store: unknown;
  /** The world's external database (what `require("eosim/store")` gives as `database`). */
  readonly database: unknown;
  /** The life's random source (for `crypto.randomUUID` and friends). */
  readonly random: () => number;
}

/** The modules of one world's sandbox. */
export class ModuleRegistry {
  private readonly functions = new Map<string, ModuleFunction>();
  private crypto: { random: () => number; module: typeof nodeCrypto } | undefined;

  constructor(private readonly sandbox: Sandbox) {}

  /** Evaluate `entry` for a new life and return its exports (module state is the life's own). */
  load(entry: string, life: LifeModules): Record<string, unknown> {
    const cache = new Map<string, { exports: unknown }>();
    // Built on first require: copying crypto's exports costs more than most lives use.
    const cryptoOf = () => {
      if (this.crypto?.random !== life.random) this.crypto = { random: life.random, module: virtualCrypto(life.random) };
      return this.crypto.module;
    };
    const storeModule = { store: life.store, database: life.database };
    const requireFrom = (parent: string) => (id: string): unknown => {
      if (id === "kafkajs" || id === "eosim/kafkajs") return life.kafkajs;
      if (id === "eosim/store") return storeModule;
      const bare = id.startsWith("node:") ? id.slice(5) : id;
      if (builtins.has(bare) || id.startsWith("node:")) {
        if (forbidden.has(bare)) throw new ServiceError(`service module ${parent} imports "${id}": real I/O cannot run inside eosim's simulation`);
        if (bare === "crypto") return cryptoOf();
        if (bare === "timers") return { setTimeout: this.sandbox.context.setTimeout, setInterval: this.sandbox.context.setInterval, setImmediate: this.sandbox.context.setImmediate, clearTimeout: this.sandbox.context.clearTimeout, clearInterval: this.sandbox.context.clearInterval, clearImmediate: this.sandbox.context.clearImmediate };
        if (bare === "timers/promises") return { setTimeout: (ms: number, value?: unknown) => new (this.sandbox.context.Promise as PromiseConstructor)((resolve) => (this.sandbox.context.setTimeout as typeof setTimeout)(() => resolve(value), ms)) };
        return createRequire(parent)(id);
      }
      let file: string;
      try {
        file = createRequire(parent).resolve(id.endsWith(".js") && !id.startsWith(".") ? id : resolveTs(parent, id));
      } catch {
        throw new ServiceError(`service module ${parent} imports "${id}", which cannot be found`);
      }
      return this.evaluate(file, cache, requireFrom);
    };
    return this.evaluate(entry, cache, requireFrom) as Record<string, unknown>;
  }

  private evaluate(file: string, cache: Map<string, { exports: unknown }>, requireFrom: (parent: string) => (id: string) => unknown): unknown {
    const cached = cache.get(file);
    if (cached !== undefined) return cached.exports;
    let fn = this.functions.get(file);
    if (fn === undefined) {
      fn = this.sandbox.evaluate(scriptOf(file)) as ModuleFunction;
      this.functions.set(file, fn);
    }
    const module = { exports: {} as unknown };
    cache.set(file, module);
    fn(module.exports, requireFrom(file), module, file, dirname(file));
    return module.exports;
  }
}

/** A relative import written with `.js` for a `.ts` file (TypeScript's ESM convention) resolves to the `.ts`. */
function resolveTs(parent: string, id: string): string {
  if (!id.startsWith(".")) return id;
  const base = `${dirname(parent)}/${id}`;
  for (const candidate of [base, base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
    try {
      if (readFileSync(candidate) !== undefined) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return base;
}
