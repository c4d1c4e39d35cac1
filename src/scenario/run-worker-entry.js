// Entry of a worker thread of a parallel run. Like bin/eosim.js for the main thread: register
// the TypeScript loader in this thread (workers do not inherit it), then start the worker.
import { register } from "tsx/esm/api";

register();
await import("./run-worker.ts");
