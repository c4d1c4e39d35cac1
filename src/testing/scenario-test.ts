/**
 * `scenarioTest(scenario, { runs, seed })`: one vitest test per scenario, for users' own test
 * files (`import { scenarioTest } from "eosim/vitest"`) and for eosim's own suite. The test is
 * named after the scenario and nothing else, so names stay stable across seeds (and in JUnit
 * reports); a failure writes the same repro file `eosim run` writes and fails with a message
 * that carries the seed, the shrunk schedule and the replay command.
 *
 * The seed is `options.seed`, else `EOSIM_SEED`, else a fresh one drawn each time the test
 * runs, so CI explores new schedules on every run (as `eosim run` does). A failure's message
 * names the seed, and `EOSIM_SEED=<n> npx vitest` (or `seed: n`) repeats exactly that run; the
 * test's name never carries the seed.
 */
import { test } from "vitest";
import { pickSeed } from "../cli/seed.ts";
import { failureText } from "../report/failure-text.ts";
import { reproOf, reproPathFor, writeRepro } from "../report/repro-file.ts";
import type { ScenarioDefinition } from "../scenario/define-scenario.ts";
import { validateScenario } from "../scenario/load-scenarios.ts";
import { runScenario } from "../run/run-scenario.ts";
import { scenarioOk } from "../run/scenario-outcome.ts";
import type { ScenarioResult } from "../run/scenario-result.ts";
import type { Scenario } from "../scenario/scenario.ts";

/** Options of {@link scenarioTest}. */
export interface ScenarioTestOptions {
  /** Schedules to generate (default: the scenario's `runs`). */
  readonly runs?: number;
  /** Root seed (default: `EOSIM_SEED`, else a fresh one per run, named in a failure's message). */
  readonly seed?: number;
  /** Stop generating after this many seconds (the best counterexample so far is kept). */
  readonly timeLimitSeconds?: number;
  /** The vitest timeout of the test, in milliseconds. Default 120000. */
  readonly timeout?: number;
  /** Where repro files go, as `<reportsDir>/repro/<scenario>-seed<S>.json`. Default "reports". */
  readonly reportsDir?: string;
}

/**
 * The default seed of a scenario test: `EOSIM_SEED` (an integer from -2147483648 to
 * 2147483647; anything else is refused), else a fresh one drawn on each call.
 */
export function defaultTestSeed(env: NodeJS.ProcessEnv = process.env): number {
  return pickSeed(undefined, env).value;
}

function loaded(scenario: Scenario | ScenarioDefinition): Scenario {
  return "world" in scenario ? scenario : validateScenario(scenario, null);
}

/** Why a result does not meet its expectation, or null when it does. */
export function failureMessage(result: ScenarioResult, repro: string | null): string | null {
  if (scenarioOk(result)) return null;
  const seed = result.seed;
  if (result.error !== null) return `${result.name}: ${result.error.kind} error with seed ${seed}: ${result.error.message}`;
  if (result.coverageMissing.length > 0) {
    return `${result.name}: required coverage not reached in ${result.runs} schedules with seed ${seed}: ${result.coverageMissing.join(", ")}`;
  }
  if (result.failure === null) return `${result.name}: expected a failure, none found in ${result.runs} schedules with seed ${seed}`;
  const kind = result.failure.verdict.failure ?? "unknown";
  return `${result.name}: ${kind} failure with seed ${seed}\n${failureText(result.failure, repro)}`;
}

/**
 * Register one vitest test that runs `scenario` (a `defineScenario` value or a loaded
 * scenario) and fails unless it meets its expectation.
 * @example
 * import { scenarioTest } from "eosim/vitest";
 * import orders from "../scenarios/orders.scenario.ts";
 * scenarioTest(orders, { runs: 300 });
 */
export function scenarioTest(scenario: Scenario | ScenarioDefinition, options: ScenarioTestOptions = {}): void {
  const target = loaded(scenario);
  test(target.name, () => {
    const seed = options.seed ?? defaultTestSeed();
    const result = runScenario(target, { seed, runs: options.runs, timeLimitSeconds: options.timeLimitSeconds });
    let repro: string | null = null;
    if (result.failure !== null && !scenarioOk(result)) {
      repro = reproPathFor(options.reportsDir ?? "reports", target.name, seed);
      writeRepro(repro, reproOf(target, seed, result.failure));
    }
    const message = failureMessage(result, repro);
    if (message !== null) throw new Error(message);
  }, options.timeout ?? 120_000);
}
