/**
 * The script eosim evaluates in every service sandbox: `sandbox-entry.ts` and what it imports
 * (the simulated kafkajs client, the store facade), bundled once per process with esbuild.
 * From the sources that is `sandbox-entry.ts`; from the built package (`dist/`, ESM `.js` or
 * CommonJS `.cjs`) it is the compiled ESM `sandbox-entry.js` next to this file.
 */
import { fileURLToPath } from "node:url";
import * as vm from "node:vm";
import { buildSync } from "esbuild";
import type { SimPort } from "../kafkajs/sim-port.ts";
import type { Database } from "./database-facade.ts";
import type { DatabasePort } from "./database-port.ts";
import type { Store } from "./store-facade.ts";
import type { StorePort } from "./store-port.ts";

/** What the bundle gives a sandbox. */
export interface SandboxLibrary {
  kafkajsModule(port: SimPort): Record<string, unknown>;
  storeFacade(port: StorePort): Store;
  databaseFacade(port: DatabasePort): Database;
  watchRejection(value: unknown, onReject: (error: unknown) => void): void;
}

let script: vm.Script | undefined;

/** The compiled bundle (built on first use). */
export function sandboxBundle(): vm.Script {
  if (script !== undefined) return script;
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(fromSources ? "./sandbox-entry.ts" : "./sandbox-entry.js", import.meta.url));
  const built = buildSync({ entryPoints: [entry], bundle: true, format: "iife", globalName: "__eosimLibrary", platform: "neutral", target: "node20", write: false, logLevel: "silent" });
  script = new vm.Script(`${built.outputFiles[0].text};__eosimLibrary`, { filename: "eosim:sandbox-library" });
  return script;
}
