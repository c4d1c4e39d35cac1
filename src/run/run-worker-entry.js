// Entry of a worker thread of a parallel run. Like bin/eosim.js for the main thread: start the
// TypeScript loader in this thread (workers do not inherit it), then start the worker.
import { startTypeScript } from "../typescript-loader.js";

await startTypeScript();
await import("./run-worker.ts");
