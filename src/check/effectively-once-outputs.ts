/**
 * Effectively-once outputs: after dropping duplicates by output ID, the output topics hold
 * exactly the reference model's outputs, one payload per ID. Raw duplicates (the same output
 * re-sent after a crash or lost ACK) are allowed and only counted.
 */
import { referenceModelOf } from "./reference-model.ts";
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** Raw duplicate outputs in a view (same ID at more than one offset). */
export function rawDuplicateOutputs(view: Parameters<Checker["check"]>[0]): number {
  let total = 0;
  const seen = new Set<string>();
  for (const log of view.output) for (const record of log.records) {
    if (seen.has(record.key)) total++;
    else seen.add(record.key);
  }
  return total;
}

export const effectivelyOnceOutputs: Checker = {
  name: "effectively-once-outputs",
  class: "safety",
  check(view) {
    const expected = referenceModelOf(view).outputs;
    const anomalies: Anomaly[] = [];
    const seen = new Map<string, unknown>();
    view.output.forEach((log, partition) => {
      for (const record of log.records) {
        const { outputId, payload } = record.value!;
        if (!expected.has(outputId)) {
          anomalies.push({ kind: "unexpected-output", partition, offset: record.offset, detail: `output ${outputId} ${show(payload)} is not in the reference outputs` });
          continue;
        }
        if (seen.has(outputId)) {
          if (!sameValue(seen.get(outputId), payload)) {
            anomalies.push({ kind: "inconsistent-output", partition, offset: record.offset, detail: `output ${outputId} sent with two payloads: ${show(seen.get(outputId))} and ${show(payload)}` });
          }
          continue;
        }
        seen.set(outputId, payload);
        if (!sameValue(expected.get(outputId), payload)) {
          anomalies.push({ kind: "wrong-output", partition, offset: record.offset, detail: `output ${outputId}: expected ${show(expected.get(outputId))}, got ${show(payload)}` });
        }
      }
    });
    for (const outputId of expected.keys()) {
      if (!seen.has(outputId)) anomalies.push({ kind: "lost-output", detail: `output ${outputId} was never sent` });
    }
    return anomalies;
  },
};
