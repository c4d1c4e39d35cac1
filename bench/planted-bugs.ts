/**
 * How fast eosim finds each planted bug: for each bug of the catalogue and each seed, the
 * schedules and seconds to the first failing schedule (generation and checking only), the
 * length of the shrunk schedule and the seconds shrinking took. A seed that does not find the
 * bug within the budget counts as "more than the budget" in the medians.
 */
import { mutants } from "../src/runtime/mutants.ts";
import { runScenario } from "../src/run/run-scenario.ts";
import { type Figure, figure } from "./figure.ts";
import { plantedBugScenario } from "./reference-workload.ts";

/** One search for one bug from one seed. */
export interface BugSearch {
  readonly seed: number;
  readonly found: boolean;
  readonly schedulesToFailure: number;
  readonly secondsToFailure: number;
  readonly shrunkLength: number | null;
  readonly shrinkSeconds: number | null;
}

/** What the benchmark reports for one planted bug. */
export interface PlantedBugFigures {
  readonly name: string;
  readonly seeds: number;
  readonly found: number;
  readonly schedulesToFailure: Figure;
  readonly secondsToFailure: Figure;
  readonly shrunkLength: Figure;
  readonly shrinkSeconds: Figure;
}

/** Search for bug `name` from `seed`, within `runsMax` schedules. */
export function searchBug(name: string, seed: number, runsMax: number): BugSearch {
  const result = runScenario(plantedBugScenario(name), { seed, runs: runsMax });
  const failure = result.failure;
  return {
    seed,
    found: failure !== null,
    schedulesToFailure: failure === null ? Number.POSITIVE_INFINITY : failure.schedulesToFailure,
    secondsToFailure: failure === null ? Number.POSITIVE_INFINITY : result.seconds,
    shrunkLength: failure === null ? null : failure.schedule.intents.length,
    shrinkSeconds: failure === null ? null : result.shrinkSeconds,
  };
}

/** Figures of one bug from its searches. */
export function bugFigures(name: string, searches: readonly BugSearch[]): PlantedBugFigures {
  const found = searches.filter((s) => s.found);
  return {
    name,
    seeds: searches.length,
    found: found.length,
    schedulesToFailure: figure(searches.map((s) => s.schedulesToFailure), "schedules"),
    secondsToFailure: figure(searches.map((s) => s.secondsToFailure), "s"),
    shrunkLength: figure(found.map((s) => s.shrunkLength!), "intents"),
    shrinkSeconds: figure(found.map((s) => s.shrinkSeconds!), "s"),
  };
}

/** Search every planted bug from seeds 1 .. `seeds`; returns the raw searches by bug. */
export function searchAllBugs(seeds: number, runsMax: number, names: readonly string[] = mutants.map((m) => m.name)): Map<string, BugSearch[]> {
  const all = new Map<string, BugSearch[]>();
  for (const name of names) {
    const searches: BugSearch[] = [];
    for (let seed = 1; seed <= seeds; seed++) searches.push(searchBug(name, seed, runsMax));
    all.set(name, searches);
  }
  return all;
}
