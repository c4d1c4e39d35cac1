/**
 * Peak memory of a long run, measured in a process of its own (so nothing else the benchmark
 * did counts): `node bench/peak-memory-entry.js <runs>` runs the reference workload for
 * `runs` schedules in one thread and prints one JSON line with the process's peak resident
 * set. Passing runs keep no history: only counts and coverage survive a schedule.
 */
import { runScenario } from "../src/run/run-scenario.ts";
import { referenceWorkload } from "./reference-workload.ts";
import { serviceWorkload } from "./service-workload.ts";

const runs = Number(process.argv[2] ?? 100_000);
const result = runScenario(process.argv[3] === "service" ? serviceWorkload() : referenceWorkload(), { seed: 1, runs });
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ runs: result.runs, failures: result.failure === null ? 0 : 1, seconds: result.seconds, maxRssMb }));
