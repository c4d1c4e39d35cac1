// Entry of the benchmark's memory probe: the TypeScript loader started as the eosim command
// starts it (see src/typescript-loader.js), so the probe measures what a user's run uses.
import { startTypeScript } from "../src/typescript-loader.js";

await startTypeScript();
await import("./peak-memory.ts");
