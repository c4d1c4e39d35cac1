/**
 * A reader that goes away (`eosim run | head -1`, a closed terminal) closes eosim's stdout;
 * the next write fails with EPIPE. Node would report that as an unhandled 'error' event with
 * a stack trace, and only once the run's synchronous work lets it, at the very end. Instead
 * the run ends quietly: at the error event, and between scenarios as soon as a write has
 * failed (the stream is destroyed at once; the event comes later). It exits with
 * {@link closedOutputExitCode}, as a process killed by SIGPIPE would, so that under
 * `set -o pipefail` a run cut short never reads as a pass.
 */

/** The exit code of a run whose stdout was closed before it ended (128 + SIGPIPE). */
export const closedOutputExitCode = 141;

const closedCodes = new Set(["EPIPE", "ERR_STREAM_DESTROYED", "ECONNRESET"]);

function isClosed(error: unknown): boolean {
  return typeof error === "object" && error !== null && closedCodes.has(String((error as { code?: unknown }).code));
}

let installed = false;

/**
 * Handle write errors: on stdout a closed reader ends the process quietly (any other error is
 * named in one line on stderr first); on stderr, which only carries progress and messages, a
 * write error is ignored and the run goes on.
 */
export function endQuietlyOnClosedOutput(): void {
  if (installed) return;
  installed = true;
  process.stdout.on("error", (error: Error) => {
    if (!isClosed(error) && !process.stderr.destroyed) process.stderr.write(`eosim: cannot write the output: ${error.message.split("\n")[0]}\n`);
    process.exit(closedOutputExitCode);
  });
  process.stderr.on("error", () => {});
}

/** End the process quietly if a write to stdout has already failed (call between units of work). */
export function stopIfOutputClosed(): void {
  if (process.stdout.destroyed && process.stdout.errored !== null) process.exit(closedOutputExitCode);
}
