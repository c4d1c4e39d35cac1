// Starting eosim's TypeScript (tsx) in a fresh process or worker thread, for the entries that
// run before any TypeScript can: bin/eosim.js, the worker-thread entry and the benchmark's
// memory probe. Plain JavaScript for that reason.
import { existsSync } from "node:fs";
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

/** True when this file is eosim's source (src/), not the built package (dist/). */
const fromSources = existsSync(new URL("./cli/main.ts", import.meta.url));

/**
 * Load the four effect modules eosim uses, then register tsx. tsx turns Node's source maps
 * on, and a module loaded after that has its source map read and kept in memory. eosim
 * imports effect's modules one by one (`effect/Schema`, ...), never its barrel; loaded first,
 * their maps stay out of the heap. Measured on `eosim list`: 0.50 s and 118 MB peak RSS,
 * against 0.62 s and 144 MB when loaded after tsx, and 0.56 s and 131 MB with the barrel
 * loaded first, as before. Stack traces inside effect then show its built JavaScript
 * positions; eosim's and users' TypeScript keep theirs.
 *
 * Run from the sources (eosim's repository), "eosim" imports also resolve to src/ (see
 * `source-conditions.js`).
 */
export async function startTypeScript() {
  await Promise.all([import("effect/Schema"), import("effect/SchemaIssue"), import("effect/Result"), import("effect/Glob")]);
  if (fromSources) registerHooks("./source-conditions.js", import.meta.url);
  register();
}
