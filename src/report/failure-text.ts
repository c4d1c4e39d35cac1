/**
 * The readable account of a failing schedule: the shrunk schedule as numbered lines (each
 * produce intent as the event the scenario's processor built), what each failing checker
 * found (first anomaly first: where the divergence shows), and the command that replays it.
 * Built only for failures, never in the hot loop.
 */
import { describeIntents, type ScheduleWorkload } from "../schedule/describe-intent.ts";
import type { Verdict } from "../check/verdict.ts";
import type { ScheduleFailure } from "../run/scenario-result.ts";
import { crashPointsOf } from "../service/life.ts";

/** Anomaly lines shown per checker before "... and N more". */
const anomaliesShown = 3;

/**
 * Numbered lines of a schedule's intents. With the `workload` (the world's processor and key
 * space) each produce line shows the event it built, e.g.
 * `produce checkout cart-2 {"cart":"cart-2"} (producer 0)`.
 */
export function scheduleLines(intents: ScheduleFailure["schedule"]["intents"], crashPoints?: readonly string[], workload?: ScheduleWorkload): string[] {
  return describeIntents(intents, crashPoints, workload).map((line, i) => `${String(i + 1).padStart(3)}. ${line}`);
}

/** A failure's shrunk schedule as text, one step per intent (unnumbered), its events as the processor built them. */
export function failureSteps(failure: ScheduleFailure): string[] {
  return describeIntents(failure.schedule.intents, crashPointsOf(failure.view.config), failure.view.config);
}

/** Lines describing what the failing checkers found. */
export function anomalyLines(verdict: { readonly verdicts: readonly Pick<Verdict, "checker" | "valid" | "anomalies">[] }): string[] {
  const lines: string[] = [];
  for (const v of verdict.verdicts) {
    if (v.valid === true) continue;
    lines.push(`${v.checker}: ${v.valid === "unknown" ? "unknown" : "FAILED"}`);
    for (const a of v.anomalies.slice(0, anomaliesShown)) lines.push(`  ${a.kind}: ${a.detail}`);
    if (v.anomalies.length > anomaliesShown) lines.push(`  ... and ${v.anomalies.length - anomaliesShown} more`);
  }
  return lines;
}

/** The shell command that replays a repro file. */
export function replayCommand(reproPath: string): string {
  return `npx eosim replay ${reproPath}`;
}

/** The full failure block, indented by `indent`; `htmlPath`: its HTML report, printed beside the replay command. */
export function failureText(failure: ScheduleFailure, reproPath: string | null, indent = "  ", htmlPath: string | null = null): string {
  const lines = [
    `found after ${failure.schedulesToFailure} schedule(s); shrunk to ${failure.schedule.intents.length} intent(s):`,
    ...scheduleLines(failure.schedule.intents, crashPointsOf(failure.view.config), failure.view.config),
    ...anomalyLines(failure.verdict),
    `checkers run: ${failure.verdict.verdicts.map((v) => v.checker).join(", ")}`,
    `history ${failure.historyHash}`,
  ];
  if (reproPath !== null) lines.push(`repro: ${reproPath}`, `replay: ${replayCommand(reproPath)}`);
  if (htmlPath !== null) lines.push(`html: ${htmlPath}`);
  return lines.map((line) => indent + line).join("\n");
}
