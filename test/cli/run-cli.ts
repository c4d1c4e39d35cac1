/** Run the eosim CLI in a child process, as a user would. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/eosim.js", import.meta.url));

/** Result of one CLI call. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `eosim ...args` in `cwd` (default: the repo root), from the sources. `--conditions`
 * makes "eosim" resolve to src/ also for `require` (a CommonJS test project); bin/eosim.js
 * covers `import` by itself.
 */
export function eosim(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, ["--conditions=eosim-source", bin, ...args], {
    cwd: options.cwd ?? fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
