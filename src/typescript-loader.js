// Starting eosim's TypeScript (tsx) in a fresh process or worker thread, for the entries that
// run before any TypeScript can: bin/eosim.js, the worker-thread entry and the benchmark's
// memory probe. Plain JavaScript for that reason.
import { register } from "tsx/esm/api";

/**
 * Load effect, then register tsx. tsx turns Node's source maps on; a module loaded after that
 * has its source map read and kept in memory, and effect ships 11 MB of them (288 files).
 * Loaded first, effect keeps them out of the heap, which lowers the peak memory of a long run
 * by about 30 MB and steadies it (a larger live heap lets V8 grow the old generation further
 * before it collects). Stack traces inside effect then show its built JavaScript positions;
 * eosim's and users' TypeScript keep theirs.
 */
export async function startTypeScript() {
  await import("effect");
  register();
}
