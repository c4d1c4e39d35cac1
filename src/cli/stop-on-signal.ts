/**
 * SIGINT and SIGTERM during `eosim run`: the first asks the run to stop at the next schedule
 * boundary (`run/stop-request.ts`), so the command still prints its summary, its `--json`
 * object and its JUnit file with what was done, then exits 130 / 143 as a shell expects of a
 * command stopped by that signal. A second signal stops at once.
 */
import { requestStop } from "../run/stop-request.ts";
import { ExitCode } from "./exit-codes.ts";

const exitCodes = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated } as const;
type StopSignal = keyof typeof exitCodes;

/** The signals being watched, and which one (if any) arrived. */
export interface SignalWatch {
  /** The first signal received, or null. */
  readonly received: () => StopSignal | null;
  /** The exit code of a command stopped by {@link SignalWatch.received} (130, 143). */
  readonly exitCode: () => ExitCode | null;
  /** Stop watching (Node's default handling comes back). */
  readonly dispose: () => void;
}

/** Watch SIGINT and SIGTERM for the rest of a run. */
export function stopOnSignals(): SignalWatch {
  let received: StopSignal | null = null;
  const handlers = (Object.keys(exitCodes) as StopSignal[]).map((signal) => {
    const handler = () => {
      if (received !== null) process.exit(exitCodes[received]);
      received = signal;
      requestStop();
      process.stderr.write(`\neosim: ${signal}: stopping at the next schedule; the results so far follow (${signal} again stops at once)\n`);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return {
    received: () => received,
    exitCode: () => (received === null ? null : exitCodes[received]),
    dispose: () => handlers.forEach((off) => off()),
  };
}
