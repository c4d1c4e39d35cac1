/**
 * A request to stop a run at the next schedule boundary (SIGINT, SIGTERM), shared by every
 * thread of the run: one `Int32Array` over a `SharedArrayBuffer` that the main thread sets and
 * each worker thread reads between schedules, while it is busy in a synchronous chunk and
 * could not receive a message. The main thread's own chunks see it between chunks, when its
 * signal handler has had a turn (`run-scenario.ts` yields there).
 */
import { isMainThread, workerData } from "node:worker_threads";

/** The flag a worker thread was started with, or this (main) thread's own. */
const flag: Int32Array =
  !isMainThread && (workerData as { stopFlag?: unknown } | null)?.stopFlag instanceof SharedArrayBuffer
    ? new Int32Array((workerData as { stopFlag: SharedArrayBuffer }).stopFlag)
    : new Int32Array(new SharedArrayBuffer(4));

/** The buffer to hand to worker threads (as `workerData.stopFlag`), so they see this thread's requests. */
export function stopFlagBuffer(): SharedArrayBuffer {
  return flag.buffer as SharedArrayBuffer;
}

/** Ask every thread of the run to stop at its next schedule boundary. */
export function requestStop(): void {
  Atomics.store(flag, 0, 1);
}

/** Whether a stop was requested. */
export function stopRequested(): boolean {
  return Atomics.load(flag, 0) !== 0;
}

/** Forget a stop request (tests, and a library user running again in the same process). */
export function clearStopRequest(): void {
  Atomics.store(flag, 0, 0);
}
