#!/usr/bin/env node
// Entry point. Installed from the package, eosim runs its compiled JavaScript in dist/; in
// eosim's own repository (where src/ exists) it runs the TypeScript sources, so the CLI never
// lags behind an edit for want of a rebuild (EOSIM_FROM=dist runs the build there instead).
// Either way the TypeScript loader (tsx) is started first, for users' `.ts` scenario and
// service files.
import { existsSync } from "node:fs";

const fromSources = process.env.EOSIM_FROM !== "dist" && existsSync(new URL("../src/cli/main.ts", import.meta.url));
const { startTypeScript } = await import(fromSources ? "../src/typescript-loader.js" : "../dist/typescript-loader.js");

await startTypeScript();
const { main } = await import(fromSources ? "../src/cli/main.ts" : "../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
// The command is done: a timer or handle a scenario or service file left behind must not keep
// the process alive (the timer fires only if something else still holds the event loop).
setTimeout(() => process.exit(), 200).unref();
