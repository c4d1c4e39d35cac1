/**
 * Throughput of this checkout against another checkout of eosim (an older commit, in a git
 * worktree with its dependencies installed or linked), measured in one process.
 *
 * Why not two benchmark runs: on a shared machine the speed of the same code changes by half
 * from one hour to the next (docs/design-notes.md, "The 5,000 schedules/s floor and the
 * machine"), so two figures taken minutes apart compare the machine as much as the code. Here
 * both trees run the reference workload in alternating batches from the same seeds, the order
 * of each pair swapped every batch, so a change in the machine's speed hits both alike; the
 * ratio is what is reported. Both trees share one V8, so their absolute rates are a little
 * lower than a benchmark's (call sites in the shared dependencies see two copies of each
 * class); only the ratio is the figure.
 *
 * Usage: `node --conditions=eosim-source --import tsx bench/compare-trees.ts <other-checkout> [batches] [schedules-per-batch]`
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, timed } from "./figure.ts";

/** What a tree must offer: the reference workload and a way to run it. */
interface Tree {
  readonly label: string;
  readonly run: (runs: number, seed: number) => void;
}

/** Where `runScenario` lived over the project's history (`src/run/` since the runner moved out of `scenario/`). */
const runScenarioPaths = ["src/run/run-scenario.ts", "src/scenario/run-scenario.ts"];

/** The figures of {@link compareTrees}. */
export interface TreeComparison {
  /** Schedules per second of this checkout over all batches. */
  readonly here: number;
  /** Schedules per second of the other checkout over all batches. */
  readonly other: number;
  /** The other tree's total time over this one's: above 1, this checkout is faster. */
  readonly speedup: number;
  /** The median of the per-batch ratios (the other's time over this one's). */
  readonly medianSpeedup: number;
  readonly batches: number;
  readonly schedulesPerBatch: number;
}

async function loadTree(dir: string, label: string): Promise<Tree> {
  const workload = join(dir, "bench/reference-workload.ts");
  const runner = runScenarioPaths.map((path) => join(dir, path)).find((path) => existsSync(path));
  if (!existsSync(workload) || runner === undefined) throw new Error(`${dir} is not a checkout of eosim with bench/reference-workload.ts and src/run/run-scenario.ts`);
  const [{ referenceWorkload }, { runScenario }] = await Promise.all([import(pathToFileURL(workload).href), import(pathToFileURL(runner).href)]);
  const scenario = referenceWorkload();
  return {
    label,
    run(runs, seed) {
      const result = runScenario(scenario, { seed, runs });
      if (result.failure !== null || result.error !== null) throw new Error(`the reference workload failed in ${label} from seed ${seed}: a comparison needs two passing trees`);
    },
  };
}

/** Milliseconds `tree` takes for `runs` schedules from `seed`. */
function msOf(tree: Tree, runs: number, seed: number): number {
  return timed(() => tree.run(runs, seed)).seconds * 1000;
}

/** Run the reference workload of this checkout and of `otherDir` in `batches` alternating batches of `schedulesPerBatch`. */
export async function compareTrees(otherDir: string, batches: number, schedulesPerBatch: number): Promise<TreeComparison> {
  const here = await loadTree(resolve(import.meta.dirname, ".."), "this checkout");
  const other = await loadTree(resolve(otherDir), otherDir);
  // Warm-up (JIT) of both, as the benchmark warms its own.
  here.run(Math.min(1000, schedulesPerBatch), 1);
  other.run(Math.min(1000, schedulesPerBatch), 1);
  let hereMs = 0;
  let otherMs = 0;
  const ratios: number[] = [];
  for (let i = 0; i < batches; i++) {
    const seed = 1000 + i;
    // Whichever runs second finds the first's garbage: each goes first every other batch.
    const ms = new Map<Tree, number>();
    for (const tree of i % 2 === 0 ? [here, other] : [other, here]) ms.set(tree, msOf(tree, schedulesPerBatch, seed));
    const h = ms.get(here)!;
    const o = ms.get(other)!;
    hereMs += h;
    otherMs += o;
    ratios.push(o / h);
  }
  const schedules = batches * schedulesPerBatch;
  return {
    here: (schedules / hereMs) * 1000,
    other: (schedules / otherMs) * 1000,
    speedup: otherMs / hereMs,
    medianSpeedup: median(ratios)!,
    batches,
    schedulesPerBatch,
  };
}

/** A positive integer argument, or `fallback` when absent. */
function countArg(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [otherDir, batchesText, sizeText] = process.argv.slice(2);
  try {
    if (otherDir === undefined) throw new Error("usage: compare-trees.ts <other-checkout> [batches (default 40)] [schedules-per-batch (default 400)]");
    const r = await compareTrees(otherDir, countArg(batchesText, "batches", 40), countArg(sizeText, "schedules-per-batch", 400));
    console.log(`this checkout ${Math.round(r.here)} schedules/s, ${otherDir} ${Math.round(r.other)} schedules/s (one process, ${r.batches} alternating batches of ${r.schedulesPerBatch})`);
    console.log(`this checkout is ${r.speedup.toFixed(3)}x the other (median of the batches ${r.medianSpeedup.toFixed(3)}x)`);
  } catch (error) {
    console.error(`compare-trees: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
