#!/usr/bin/env node
// Entry point: register tsx so the CLI and users' scenario files run as TypeScript without
// a build step, then hand over to the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
