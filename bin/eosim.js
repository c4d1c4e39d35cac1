#!/usr/bin/env node
// Entry point: start the TypeScript loader so the CLI and users' scenario files run as
// TypeScript without a build step, then hand over to the CLI.
import { startTypeScript } from "../src/typescript-loader.js";

await startTypeScript();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
