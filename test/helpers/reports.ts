/** Failures and their reports, built in process the way `eosim run` builds them. */
import { fileURLToPath } from "node:url";
import { type ReportedFailure } from "../../src/report/html/failure-report.ts";
import { runScenario } from "../../src/run/run-scenario.ts";
import type { ScenarioResult } from "../../src/run/scenario-result.ts";
import { loadScenarioFile } from "../../src/scenario/load-scenarios.ts";
import { builtInScenario } from "../../src/scenario/mutant-scenario.ts";
import type { Scenario } from "../../src/scenario/scenario.ts";

/** A scenario's run that found a failure, and the failure as a report takes it. */
export interface FoundFailure {
  readonly scenario: Scenario;
  readonly result: ScenarioResult;
  readonly failure: ReportedFailure & { readonly kind: "failure" };
}

/** Run `scenario` from `seed` until its first failure (throws when it finds none). */
export function findFailure(scenario: Scenario, seed = 1, runs = 2000): FoundFailure {
  const result = runScenario(scenario, { seed, runs });
  const found = result.failure;
  if (found === null) throw new Error(`scenario ${scenario.name} found no failure in ${runs} schedules from seed ${seed}`);
  const failure = { kind: "failure", schedule: found.schedule, verdict: found.verdict, historyHash: found.historyHash, found: { schedules: found.schedulesToFailure, shrinks: found.shrinks } } as const;
  return { scenario, result, failure };
}

/** A planted bug of the runtime catalogue, by name (`no-fencing`). */
export function plantedBug(name: string): Scenario {
  const scenario = builtInScenario(`mutant-${name}`);
  if (scenario === undefined) throw new Error(`no planted bug ${name}`);
  return scenario;
}

/** The fixture whose events carry markup (`test/fixtures/html-injection.scenario.ts`). */
export async function injectionScenario(): Promise<Scenario> {
  const [scenario] = await loadScenarioFile(fileURLToPath(new URL("../fixtures/html-injection.scenario.ts", import.meta.url)));
  return scenario;
}
