/**
 * Effectively-once outputs: after a consumer drops duplicates by output ID, every output the
 * reference model expects arrives exactly once, with the expected payload. Each output record
 * names its cause (input dedupe ID + index); anomalies:
 * - `duplicate-output`: one cause under two or more output IDs (a consumer cannot dedupe it);
 * - `inconsistent-output`: one output ID with two payloads;
 * - `wrong-output` / `unexpected-output`: a payload or cause the model does not produce;
 * - `lost-output`: an expected output never sent.
 * Raw duplicates (the same output ID re-sent after a crash or lost ACK) are allowed and only
 * counted, by {@link rawDuplicateOutputs}.
 */
import type { WorldView } from "../sim/world-view.ts";
import { sameValue, show } from "./same-value.ts";
import type { Anomaly, Checker } from "./verdict.ts";

/** Raw duplicate outputs in a view (same ID at more than one offset). */
export function rawDuplicateOutputs(view: WorldView): number {
  let total = 0;
  const seen = new Set<string>();
  for (const log of view.output) {
    for (const record of log) {
      if (seen.has(record.key)) total++;
      else seen.add(record.key);
    }
  }
  return total;
}

/** The input dedupe ID of an output cause (`<dedupe ID>/o<index>`). */
function inputOfCause(cause: string): string {
  const at = cause.lastIndexOf("/o");
  return at < 0 ? cause : cause.slice(0, at);
}

export const effectivelyOnceOutputs: Checker = {
  name: "effectively-once-outputs",
  class: "safety",
  check(view, { model }) {
    const expected = model.outputs;
    const anomalies: Anomaly[] = [];
    const payloadById = new Map<string, unknown>();
    const idByCause = new Map<string, string>();
    view.output.forEach((log, partition) => {
      for (const record of log) {
        const { outputId, cause, payload } = record.value!;
        const at = { partition, offset: record.offset, dedupeId: inputOfCause(cause) };
        if (payloadById.has(outputId)) {
          if (!sameValue(payloadById.get(outputId), payload)) {
            anomalies.push({ kind: "inconsistent-output", ...at, detail: `output ${outputId} sent with two payloads: ${show(payloadById.get(outputId))} and ${show(payload)}` });
          }
          continue;
        }
        payloadById.set(outputId, payload);
        if (!expected.has(cause)) {
          anomalies.push({ kind: "unexpected-output", ...at, detail: `output ${outputId} (cause ${cause}) ${show(payload)} is not in the reference outputs` });
          continue;
        }
        const firstId = idByCause.get(cause);
        if (firstId !== undefined) {
          anomalies.push({ kind: "duplicate-output", ...at, detail: `output for ${cause} sent under two IDs (${firstId}, ${outputId}): consumers see it twice` });
          continue;
        }
        idByCause.set(cause, outputId);
        if (!sameValue(expected.get(cause), payload)) {
          anomalies.push({ kind: "wrong-output", ...at, detail: `output ${cause}: expected ${show(expected.get(cause))}, got ${show(payload)}` });
        }
      }
    });
    for (const cause of expected.keys()) {
      if (!idByCause.has(cause)) anomalies.push({ kind: "lost-output", dedupeId: inputOfCause(cause), detail: `output ${cause} was never sent` });
    }
    return anomalies;
  },
};
