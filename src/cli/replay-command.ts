/**
 * `eosim replay <repro.json>`: re-run exactly the recorded schedule on today's code and say
 * what happened (see `report/replay.ts`): prints the schedule, the anomalies, whether the
 * history still matches the recorded one, a `history <hash>` line (equal hashes mean
 * byte-identical histories) and a `verdict:` line. Exit 1 for `fails` and `diverged at step k`,
 * 0 for `passes`.
 */
import { existsSync } from "node:fs";
import { anomalyLines, crashPointsOf, scheduleLines } from "../report/failure-text.ts";
import { readRepro } from "../report/repro-file.ts";
import { replayRepro, verdictLine } from "../report/replay.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { loadScenarioFile } from "../scenario/load-scenarios.ts";
import { builtInScenario } from "../scenario/mutant-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { selectScenarios } from "./select-scenarios.ts";

async function scenarioFor(name: string, file: string | null): Promise<Scenario> {
  if (file !== null && existsSync(file)) {
    const found = (await loadScenarioFile(file)).find((s) => s.name === name);
    if (found !== undefined) return found;
  }
  const builtIn = builtInScenario(name);
  if (builtIn !== undefined) return builtIn;
  const [found] = await selectScenarios([name]).catch(() => {
    throw new BadInputError(`the repro names scenario "${name}", which is not under scenarios/${file === null ? "" : ` or in ${file}`}`);
  });
  return found;
}

/** Run the command; returns the exit code. */
export async function replayCommand(argv: readonly string[]): Promise<ExitCode> {
  const { positionals } = parseFlags("replay", argv, {});
  if (positionals.length !== 1) throw new BadInputError("eosim replay takes exactly one repro file (eosim replay reports/repro/<file>.json)");
  const repro = readRepro(positionals[0]);
  const scenario = await scenarioFor(repro.scenario, repro.scenarioFile);
  const result = replayRepro(repro, scenario);
  console.log(`scenario ${scenario.name}, seed ${repro.seed}, ${repro.intents.length} intent(s):`);
  for (const line of scheduleLines(repro.intents, crashPointsOf(scenario.world), scenario.world)) console.log(line);
  for (const line of anomalyLines(result.run)) console.log(line);
  const same = result.firstDifference === null && result.view.history.hex() === repro.historyHash;
  console.log(same ? "recorded history: identical" : `recorded history: differs${result.firstDifference === null ? " after the last intent" : ` from step ${result.firstDifference}`}`);
  console.log(`history ${result.view.history.hex()}`);
  console.log(verdictLine(result.verdict));
  return result.verdict.kind === "passes" ? ExitCode.ok : ExitCode.safety;
}
