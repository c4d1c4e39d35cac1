/**
 * `eosim mutants [--runs N] [--seed S] [--json]`: run the reference runtime (every built-in
 * processor, every fault) and every planted bug over generated schedules, and report how fast
 * each bug is caught. Exit 0 only when the reference passes and every mutant is detected.
 * Each mutant's failure is written as a repro file that `eosim replay` reproduces.
 */
import { reproOf, reproPathFor, writeRepro } from "../report/repro-file.ts";
import { allMutantScenarios, referenceScenarios } from "../scenario/mutant-scenario.ts";
import { runScenario } from "../run/run-scenario.ts";
import { scenarioOk } from "../run/scenario-outcome.ts";
import { intFlag, parseFlags, seedMax, seedMin } from "./args.ts";
import { anomalyKindsOf } from "../check/all-checkers.ts";
import { BadInputError } from "../scenario/bad-input.ts";
import { ExitCode } from "./exit-codes.ts";
import { reportsDir } from "./run-command.ts";
import { pickSeed } from "./seed.ts";

/** One mutant's row. */
export interface MutantRow {
  readonly name: string;
  readonly hazard: string;
  readonly detected: boolean;
  readonly schedulesToDetect: number | null;
  readonly shrunkSteps: number | null;
  readonly seconds: number;
  readonly anomalies: readonly string[];
  readonly repro: string | null;
}

function table(rows: readonly MutantRow[]): string {
  const header = ["mutant", "detected", "schedules", "shrunk", "seconds", "hazard"];
  const lines = rows.map((r) => [r.name, r.detected ? "yes" : "NO", String(r.schedulesToDetect ?? "-"), String(r.shrunkSteps ?? "-"), r.seconds.toFixed(2), r.hazard]);
  const widths = header.slice(0, 5).map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 5 ? c.padEnd(widths[i]) : c)).join("  ");
  return [fmt(header), ...lines.map(fmt)].join("\n");
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The candidates named by `selectors` (all of them without one), in catalogue order. An
 * unknown name is bad input (exit 2): a selection of nothing would report "0/0 detected" and
 * pass.
 */
export function selectMutants<T extends { readonly name: string }>(candidates: readonly T[], selectors: readonly string[]): T[] {
  if (selectors.length === 0) return [...candidates];
  const names = new Set(candidates.map((c) => c.name));
  const unknown = selectors.filter((s) => !names.has(s));
  if (unknown.length > 0) {
    throw new BadInputError(`unknown mutant${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => JSON.stringify(n)).join(", ")} (known: ${[...names].join(", ")})`);
  }
  return candidates.filter((c) => selectors.includes(c.name));
}

/** Run the command; returns the exit code. */
export async function mutantsCommand(argv: readonly string[]): Promise<ExitCode> {
  const { values, positionals } = parseFlags("mutants", argv, { runs: { type: "string" }, seed: { type: "string" }, json: { type: "boolean" } });
  const runs = intFlag("runs", values.runs, 1, 100_000_000) ?? 2000;
  const seed = pickSeed(intFlag("seed", values.seed, seedMin, seedMax));
  const json = values.json === true;
  const selected = selectMutants(
    allMutantScenarios().map(({ mutant, scenario }) => ({ name: mutant.name, mutant, scenario })),
    positionals,
  );
  if (!json) console.log(`eosim mutants: seed ${seed.value}, up to ${runs} schedules each`);
  let referenceRuns = 0;
  let referenceFailures = 0;
  for (const scenario of referenceScenarios()) {
    const result = runScenario(scenario, { seed: seed.value, runs });
    referenceRuns += result.runs;
    referenceFailures += result.failure !== null || result.error !== null ? 1 : 0;
    if (!json && !scenarioOk(result)) console.log(`reference ${scenario.name} FAILED (seed ${seed.value})${result.error === null ? "" : `: ${result.error.message}`}`);
  }
  const rows: MutantRow[] = selected.map(({ mutant, scenario }) => {
    const result = runScenario(scenario, { seed: seed.value, runs });
    const failure = result.failure;
    let repro: string | null = null;
    if (failure !== null) {
      repro = reproPathFor(reportsDir, scenario.name, seed.value);
      writeRepro(repro, reproOf(scenario, seed.value, failure));
    }
    return {
      name: mutant.name,
      hazard: mutant.hazard,
      detected: failure !== null,
      schedulesToDetect: failure === null ? null : failure.schedulesToFailure,
      shrunkSteps: failure === null ? null : failure.schedule.intents.length,
      seconds: Math.round(result.seconds * 100) / 100,
      anomalies: failure === null ? [] : anomalyKindsOf(failure.verdict),
      repro,
    };
  });
  const ok = referenceFailures === 0 && rows.every((r) => r.detected);
  const detectedCounts = rows.flatMap((r) => (r.schedulesToDetect === null ? [] : [r.schedulesToDetect]));
  const shrunk = rows.flatMap((r) => (r.shrunkSteps === null ? [] : [r.shrunkSteps]));
  if (json) {
    console.log(JSON.stringify({ ok, seed: seed.value, reference: { runs: referenceRuns, failures: referenceFailures }, mutants: rows }, null, 2));
  } else {
    console.log(`reference runtime: ${referenceRuns} schedules over every built-in processor, ${referenceFailures} failure(s)`);
    console.log(table(rows));
    console.log(`${rows.filter((r) => r.detected).length}/${rows.length} mutants detected; median schedules to detect ${median(detectedCounts) ?? "-"}; median shrunk length ${median(shrunk) ?? "-"} intents`);
  }
  return ok ? ExitCode.ok : ExitCode.safety;
}
