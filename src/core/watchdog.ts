/**
 * Running host code under a real-time limit that stops even a synchronous endless loop.
 *
 * Why `vm`: a `timeout` on `vm.Script.runInContext` is enforced by a separate thread that
 * terminates whatever JavaScript the isolate is running (in any realm: the user's processor is
 * a plain function of the main realm) and turns the termination into an error at the
 * `runInContext` call. Nothing inside one thread can otherwise interrupt a loop that never
 * yields: a timer, a promise race or a signal handler cannot run while it spins. Termination
 * also passes through every `try`/`catch` on the way (fast-check's included), so user code
 * cannot swallow it. The alternative, running every schedule in a worker thread the main thread
 * can terminate, costs a thread and a message per chunk and leaves the main thread's own
 * replays and shrinking unguarded.
 *
 * Arming the watchdog starts a thread (about 60 µs), so the hot path arms it once per chunk of
 * schedules, not once per call (`run/run-chunk.ts`); {@link watchdogArmed} lets nested callers
 * see that a watchdog already runs.
 */
import * as vm from "node:vm";

const call = new vm.Script("__eosimCall()", { filename: "eosim:watchdog" });
// A context of its own: an evaluation nested in a sandbox's context with microtasks drained
// "afterEvaluate" would drain the sandbox's queue at the wrong time.
const context = vm.createContext({}) as { __eosimCall?: () => void };
let depth = 0;

/** Thrown by {@link withinMs} when `body` ran out of time. */
export class WatchdogTimeout extends Error {
  override readonly name = "WatchdogTimeout";
  constructor(readonly timeoutMs: number) {
    super(`ran for more than ${timeoutMs} ms of real time`);
  }
}

/** True while some caller's {@link withinMs} is running. */
export function watchdogArmed(): boolean {
  return depth > 0;
}

/**
 * Run `body` synchronously; if it is still running after `timeoutMs` of real time, stop it and
 * throw `onTimeout()` (a {@link WatchdogTimeout} by default). Whatever `body` left half done
 * must be thrown away by the caller.
 */
export function withinMs<T>(timeoutMs: number, body: () => T, onTimeout: () => Error = () => new WatchdogTimeout(timeoutMs)): T {
  let result: T | undefined;
  const previous = context.__eosimCall;
  context.__eosimCall = () => {
    result = body();
  };
  // Restored to these values, not decremented: a termination skips the `finally` blocks of
  // every frame it unwinds, nested watchdogs' included.
  const level = depth;
  depth = level + 1;
  try {
    call.runInContext(context, { timeout: timeoutMs });
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw onTimeout();
    throw error;
  } finally {
    depth = level;
    context.__eosimCall = previous;
  }
  return result as T;
}
