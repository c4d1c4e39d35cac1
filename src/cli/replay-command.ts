/**
 * `eosim replay <repro.json>`: re-run exactly the recorded schedule on today's code and say
 * what happened (see `report/replay.ts`): prints the schedule, the anomalies, whether the
 * history still matches the recorded one, a `history <hash>` line (equal hashes mean
 * byte-identical histories) and a `verdict:` line. Exit 1 for `fails` and `diverged at step k`,
 * 0 for `passes`. The scenario is found from the project root (the nearest folder upwards with
 * `package.json` and `scenarios/`), so a replay works from any subfolder. The scenario file is
 * imported as code, so it must lie inside the project (`report/repro-scenario-file.ts`).
 */
import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { anomalyLines, scheduleLines } from "../report/failure-text.ts";
import { crashPointsOf } from "../service/life.ts";
import { readRepro } from "../report/repro-file.ts";
import { scenarioFileCandidates } from "../report/repro-scenario-file.ts";
import { type ReplayResult, replayRepro, scheduleOf, verdictLine } from "../report/replay.ts";
import { failureReportPathFor } from "../report/html/failure-report.ts";
import { runErrorOf } from "../run/run-error.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { loadScenarioFile } from "../scenario/load-scenarios.ts";
import { findProjectRoot, scenariosDir } from "../scenario/project-root.ts";
import { builtInScenario } from "../scenario/mutant-scenario.ts";
import type { Scenario } from "../scenario/scenario.ts";
import { parseFlags } from "./args.ts";
import { ExitCode } from "./exit-codes.ts";
import { selectScenarios } from "./select-scenarios.ts";
import { writeFailureReportOrWarn } from "./write-failure-report.ts";

/** The project roots to look for a repro's scenario from: the current folder's, then the repro file's. */
function rootsFor(reproPath: string): string[] {
  const roots = [findProjectRoot(), findProjectRoot(dirname(resolve(reproPath)))].filter((r): r is string => r !== null);
  return [...new Set(roots)];
}

async function scenarioFor(name: string, file: string | null, reproPath: string): Promise<Scenario> {
  const roots = rootsFor(reproPath);
  // Outside any project, the current folder stands for it (where such a run recorded the file from).
  const allowed = roots.length > 0 ? roots : [resolve(".")];
  for (const candidate of file === null ? [] : scenarioFileCandidates(file, allowed, reproPath)) {
    if (!existsSync(candidate)) continue;
    const found = (await loadScenarioFile(relative(process.cwd(), candidate) || candidate)).find((s) => s.name === name);
    if (found !== undefined) return found;
  }
  const builtIn = builtInScenario(name);
  if (builtIn !== undefined) return builtIn;
  const dir = join(roots[0] ?? ".", scenariosDir);
  const [found] = await selectScenarios([name], dir).catch(() => {
    throw new BadInputError(`the repro names scenario "${name}", which is not under ${relative(process.cwd(), dir) || dir}/${file === null ? "" : ` or in ${file}`}`);
  });
  return found;
}

/** The repro file named on the command line: relative to the current folder, else to the project root (as `eosim run` printed it there). */
function reproPathOf(path: string): string {
  if (existsSync(path) || isAbsolute(path)) return path;
  const root = findProjectRoot();
  const fromRoot = root === null ? null : join(root, path);
  return fromRoot !== null && existsSync(fromRoot) ? relative(process.cwd(), fromRoot) : path;
}

/**
 * Where a replay writes the failure's HTML report: `html/` beside the repro's `repro/` folder
 * (where the run that wrote the repro put it), else the repro file's own folder (a repro
 * downloaded or moved elsewhere gets its report next to it).
 */
function htmlPathBeside(reproPath: string, scenario: string, seed: number): string {
  const folder = dirname(reproPath);
  if (basename(folder) === "repro") return failureReportPathFor(dirname(folder), scenario, seed);
  return join(folder, basename(failureReportPathFor(".", scenario, seed)));
}

/** Run the command; returns the exit code. */
export async function replayCommand(argv: readonly string[]): Promise<ExitCode> {
  const { positionals } = parseFlags("replay", argv, {});
  if (positionals.length !== 1) throw new BadInputError("eosim replay takes exactly one repro file (eosim replay reports/repro/<file>.json)");
  const reproPath = reproPathOf(positionals[0]);
  const repro = readRepro(reproPath);
  const scenario = await scenarioFor(repro.scenario, repro.scenarioFile, reproPath);
  console.log(`scenario ${scenario.name}, seed ${repro.seed}, ${repro.intents.length} intent(s):`);
  for (const line of scheduleLines(repro.intents, crashPointsOf(scenario.world), scenario.world)) console.log(line);
  let replayed: ReplayResult;
  try {
    replayed = replayRepro(repro, scenario);
  } catch (thrown) {
    // The schedule stops with the user's error (a repro of a processor error, or a new one):
    // that is the verdict (exit 2). eosim's own errors stay exit 4.
    const error = runErrorOf(thrown);
    if (error.kind === "harness") throw thrown;
    console.log(`verdict: error (${error.kind} error: ${error.message})`);
    return ExitCode.badInput;
  }
  for (const line of anomalyLines(replayed.run)) console.log(line);
  const same = replayed.firstDifference === null && replayed.view.history.hex() === repro.historyHash;
  console.log(same ? "recorded history: identical" : `recorded history: differs${replayed.firstDifference === null ? " after the last intent" : ` from step ${replayed.firstDifference}`}`);
  console.log(`history ${replayed.view.history.hex()}`);
  if (!replayed.run.ok) {
    const failure = { kind: "failure", schedule: scheduleOf(repro), verdict: replayed.run, historyHash: replayed.view.history.hex(), found: null } as const;
    const html = writeFailureReportOrWarn(htmlPathBeside(reproPath, repro.scenario, repro.seed), scenario, repro.seed, failure, reproPath);
    if (html !== null) console.log(`html: ${html}`);
  }
  console.log(verdictLine(replayed.verdict));
  if (replayed.verdict.kind === "non-deterministic") return ExitCode.badInput;
  return replayed.verdict.kind === "passes" ? ExitCode.ok : ExitCode.safety;
}
