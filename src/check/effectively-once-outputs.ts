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
 *
 * Evidence: `outputs`, the output records read, and `expected`, the outputs the model
 * expects (each looked for). Output topics are never compacted or truncated, so when the
 * broker recorded appending a batch to one, the view's output logs hold records. A model
 * that expects outputs no record carries is no such fact: that is the service's failure
 * (`lost-output`), which this checker reports.
 */
import type { WorldView } from "../sim/world-view.ts";
import { outputAppended } from "./boundary-facts.ts";
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

/** Where an anomaly of the output at `offset` of `partition` with cause `cause` is (built only for an anomaly: a passing run checks every output). */
function placeOf(partition: number, offset: number, cause: string): { partition: number; offset: number; dedupeId: string } {
  return { partition, offset, dedupeId: inputOfCause(cause) };
}

/** The input dedupe ID of an output cause (`<dedupe ID>/o<index>`). */
function inputOfCause(cause: string): string {
  const at = cause.lastIndexOf("/o");
  return at < 0 ? cause : cause.slice(0, at);
}

export const effectivelyOnceOutputs: Checker = {
  name: "effectively-once-outputs",
  class: "safety",
  mustJudge: [{ what: "outputs", required: outputAppended }],
  check(view, { model }, evidence) {
    const expected = model.outputs;
    const anomalies: Anomaly[] = [];
    const payloadById = new Map<string, unknown>();
    const idByCause = new Map<string, string>();
    let outputs = 0;
    view.output.forEach((log, partition) => {
      for (const record of log) {
        outputs++;
        const { outputId, cause, payload } = record.value!;
        if (payloadById.has(outputId)) {
          if (!sameValue(payloadById.get(outputId), payload)) {
            anomalies.push({ kind: "inconsistent-output", ...placeOf(partition, record.offset, cause), detail: `output ${outputId} sent with two payloads: ${show(payloadById.get(outputId))} and ${show(payload)}` });
          }
          continue;
        }
        payloadById.set(outputId, payload);
        if (!expected.has(cause)) {
          anomalies.push({ kind: "unexpected-output", ...placeOf(partition, record.offset, cause), detail: `output ${outputId} (cause ${cause}) ${show(payload)} is not in the reference outputs` });
          continue;
        }
        const firstId = idByCause.get(cause);
        if (firstId !== undefined) {
          anomalies.push({ kind: "duplicate-output", ...placeOf(partition, record.offset, cause), detail: `output for ${cause} sent under two IDs (${firstId}, ${outputId}): consumers see it twice` });
          continue;
        }
        idByCause.set(cause, outputId);
        if (!sameValue(expected.get(cause), payload)) {
          anomalies.push({ kind: "wrong-output", ...placeOf(partition, record.offset, cause), detail: `output ${cause}: expected ${show(expected.get(cause))}, got ${show(payload)}` });
        }
      }
    });
    for (const cause of expected.keys()) {
      if (!idByCause.has(cause)) anomalies.push({ kind: "lost-output", dedupeId: inputOfCause(cause), detail: `output ${cause} was never sent` });
    }
    evidence.outputs = outputs;
    evidence.expected = expected.size;
    return anomalies;
  },
};
