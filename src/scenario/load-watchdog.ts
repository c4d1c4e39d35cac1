/**
 * A watchdog over loading scenario files, so a file that never finishes loading is a one-line
 * error (exit 2) instead of a hang.
 *
 * Loading is an `import()`, and the module's evaluation runs later, outside any call eosim
 * makes, so it cannot be put under the `vm` watchdog (`core/watchdog.ts`). A loop at a file's
 * top level blocks this thread for good; only another thread can stop it. So a small worker
 * thread keeps time: armed before each import, disarmed after. Past the limit it first asks
 * this thread to stop (which it does at once when it is only waiting, e.g. on a top-level
 * `await` that never settles); if this thread does not answer within a moment it is stuck in
 * a loop, and the worker terminates the running JavaScript through the inspector protocol
 * (`Runtime.terminateExecution`, the one documented way to interrupt another thread's
 * JavaScript), after which this thread reads the request and exits. Trying each file in a
 * worker first would do the same without the inspector, but costs a second load of every file
 * and about a second per command.
 */
import { relative, resolve } from "node:path";
import { isMainThread, Worker } from "node:worker_threads";

/** Real time (ms) a scenario file may take to load: `EOSIM_LOAD_TIMEOUT_MS`, default 30 s. */
export function loadTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env.EOSIM_LOAD_TIMEOUT_MS);
  return Number.isInteger(given) && given > 0 ? given : 30_000;
}

// The worker's code: plain CommonJS, no TypeScript, so it starts in a few milliseconds.
const watchdogSource = `
const { parentPort } = require("node:worker_threads");
const inspector = require("node:inspector");
let timer;
let session;
parentPort.on("message", ({ arm, ms, bye }) => {
  clearTimeout(timer);
  if (bye) {
    // Disconnected before the main thread exits, or Node waits "for the debugger to disconnect".
    session?.disconnect();
    parentPort.postMessage({ gone: true });
    return;
  }
  if (arm === undefined) return;
  timer = setTimeout(() => {
    parentPort.postMessage({ expired: arm });
    // Still running after a moment: the main thread is stuck in a synchronous loop.
    timer = setTimeout(() => {
      session = new inspector.Session();
      session.connectToMainThread();
      session.post("Runtime.terminateExecution");
    }, 250);
  }, ms);
});
`;

let worker: Worker | undefined;

function watchdog(): Worker {
  if (worker !== undefined) return worker;
  // No inherited flags: `--input-type=module` (node -e with imports) would make the CommonJS
  // source an ES module, and the worker would die before it could guard anything.
  const started = new Worker(watchdogSource, { eval: true, execArgv: [] });
  // A watchdog that cannot run costs the guard, never the load.
  started.on("error", () => {
    if (worker === started) worker = undefined;
  });
  started.on("message", ({ expired, gone }: { expired?: string; gone?: true }) => {
    if (gone === true) process.exit(2);
    if (expired === undefined) return;
    const shown = relative(process.cwd(), expired) || expired;
    // The import cannot be abandoned (its module may hold the thread or timers): end here, once
    // the worker has let go of this thread.
    process.stderr.write(`eosim: ${shown}: did not finish loading within ${loadTimeoutMs() / 1000} s (a loop at its top level, or an await that never ends?)\n`);
    started.postMessage({ bye: true });
    setTimeout(() => process.exit(2), 1000);
  });
  started.unref();
  worker = started;
  return started;
}

/** Run `load` (an import of `file`) under the load watchdog. */
export async function watchedLoad<T>(file: string, load: () => Promise<T>): Promise<T> {
  // Worker threads of a parallel run load files the main thread has loaded already (and the
  // inspector could only reach the main thread).
  if (!isMainThread) return load();
  const timer = watchdog();
  timer.ref(); // keep the process alive while armed, or an await that never settles would exit 13 unexplained
  timer.postMessage({ arm: resolve(file), ms: loadTimeoutMs() });
  try {
    return await load();
  } finally {
    timer.postMessage({});
    timer.unref();
  }
}
