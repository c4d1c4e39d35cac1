/**
 * `eosim replay <repro.json>`: re-run exactly the recorded schedule on today's code and say
 * whether it still fails. Prints the schedule, the anomalies, a `history <hash>` line (equal
 * hashes mean byte-identical histories) and a `verdict:` line; exits 1 when it fails, 0 when
 * it passes.
 */
import { anomalyLines, scheduleLines } from "../report/failure-text.ts";
import { readRepro } from "../report/repro-file.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { loadScenarioFile } from "../scenario/load-scenarios.ts";
import { judgeSchedule } from "../scenario/run-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { selectScenarios } from "./select-scenarios.ts";
import { existsSync } from "node:fs";

async function scenarioFor(name: string, file: string | null): Promise<Scenario> {
  if (file !== null && existsSync(file)) {
    const found = (await loadScenarioFile(file)).find((s) => s.name === name);
    if (found !== undefined) return found;
  }
  const [found] = await selectScenarios([name]).catch(() => {
    throw new BadInputError(`the repro names scenario "${name}", which is not under scenarios/${file === null ? "" : ` or in ${file}`}`);
  });
  return found;
}

function firstDivergentStep(recorded: readonly string[], replayed: readonly string[]): number | null {
  const n = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < n; i++) if (recorded[i] !== replayed[i]) return i + 1;
  return null;
}

/** Run the command; returns the exit code. */
export async function replayCommand(argv: readonly string[]): Promise<ExitCode> {
  const { positionals } = parseFlags("replay", argv, {});
  if (positionals.length !== 1) throw new BadInputError("eosim replay takes exactly one repro file (eosim replay reports/repro/<file>.json)");
  const repro = readRepro(positionals[0]);
  const scenario = await scenarioFor(repro.scenario, repro.scenarioFile);
  const schedule = { seed: repro.scheduleSeed, faultMix: repro.faultMix, intents: repro.intents };
  const { view, verdict } = judgeSchedule(scenario, schedule);
  console.log(`scenario ${scenario.name}, seed ${repro.seed}, ${schedule.intents.length} intent(s):`);
  for (const line of scheduleLines(schedule.intents)) console.log(line);
  for (const line of anomalyLines(verdict)) console.log(line);
  const divergence = firstDivergentStep(repro.stepHashes, view.history.stepHashes);
  console.log(divergence === null && view.history.hex() === repro.historyHash
    ? "recorded history: identical"
    : `recorded history: differs${divergence === null ? " after the last intent" : ` from step ${divergence}`}`);
  console.log(`history ${view.history.hex()}`);
  console.log(`verdict: ${verdict.ok ? "passes" : "fails"}`);
  return verdict.ok ? ExitCode.ok : ExitCode.safety;
}
