/** Helpers for the tests of fault kinds' modules. */
import type { LooseIntent } from "../../src/faults/fault-intent.ts";
import type { FaultModule } from "../../src/faults/fault-module.ts";

/** The intent names a module draws into a schedule's mix, in order. */
export function drawNames(module: FaultModule): string[] {
  return module.draws.map((draw) => draw.k);
}

/**
 * Whether `module`'s coverage says it bit, given history records `[op, a, b, c]` (only those
 * with one of its ops are shown to it, in order) of a run with `partitions` partitions,
 * `intents` and fault weight `weight`.
 */
export function bites(module: FaultModule, records: readonly (readonly number[])[], run: { partitions?: number; intents?: readonly LooseIntent[]; weight?: number } = {}): boolean {
  const coverage = module.coverage;
  if ("whenOn" in coverage) return (run.weight ?? 0) > 0;
  const test = coverage.bit?.({ partitions: run.partitions ?? 1, intentAt: (i) => run.intents![i] }) ?? (() => true);
  return records.some(([op, a = 0, b = 0, c = 0]) => coverage.ops.includes(op) && test(op, a, b, c));
}
