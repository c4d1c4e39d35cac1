/**
 * Replay latency: how long a developer waits for `eosim replay <repro>` to print its verdict,
 * from process start (a fresh `node bin/eosim.js`, TypeScript loader and all) to exit.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { reproOf, writeRepro } from "../src/report/repro-file.ts";
import { loadScenarioFile } from "../src/scenario/load-scenarios.ts";
import { runScenario } from "../src/run/run-scenario.ts";

const bin = fileURLToPath(new URL("../bin/eosim.js", import.meta.url));

/** Write the repro of the built-in planted-bug scenario bank-ledger-no-dedupe (seed 1) to `path`. */
export async function writeBenchRepro(path: string): Promise<void> {
  const [scenario] = await loadScenarioFile("scenarios/bank-ledger-no-dedupe.scenario.ts");
  const result = runScenario(scenario, { seed: 1, runs: 2000 });
  if (result.failure === null) throw new Error("bank-ledger-no-dedupe found no failure from seed 1");
  writeRepro(path, reproOf(scenario, 1, result.failure));
}

/** Seconds from spawning `eosim replay <path>` to its exit; throws unless it printed a verdict. */
export function replaySeconds(path: string): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, "replay", path], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (!/^verdict: /m.test(run.stdout)) throw new Error(`eosim replay ${path} printed no verdict (exit ${run.status}): ${run.stderr.trim()}`);
  return seconds;
}
