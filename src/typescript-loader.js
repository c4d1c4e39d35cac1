// Starting eosim's TypeScript (tsx) in a fresh process or worker thread, for the entries that
// run before any TypeScript can: bin/eosim.js, the worker-thread entry and the benchmark's
// memory probe. Plain JavaScript for that reason.
import { existsSync } from "node:fs";
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

/** True when this file is eosim's source (src/), not the built package (dist/). */
const fromSources = existsSync(new URL("./cli/main.ts", import.meta.url));

/**
 * Load effect, then register tsx. tsx turns Node's source maps on; a module loaded after that
 * has its source map read and kept in memory, and effect ships 11 MB of them (288 files).
 * Loaded first, effect keeps them out of the heap, which lowers the peak memory of a long run
 * by about 30 MB and steadies it (a larger live heap lets V8 grow the old generation further
 * before it collects). Stack traces inside effect then show its built JavaScript positions;
 * eosim's and users' TypeScript keep theirs.
 *
 * Run from the sources (eosim's repository), "eosim" imports also resolve to src/ (see
 * `source-conditions.js`).
 */
export async function startTypeScript() {
  await import("effect");
  if (fromSources) registerHooks("./source-conditions.js", import.meta.url);
  register();
}
