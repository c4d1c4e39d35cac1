/**
 * The coverage table printed under a scenario's status line: crash points and fault kinds with
 * the number of schedules that reached them; unreached ones show 0, so gaps are visible.
 */
import { faultKinds } from "../faults/fault-kind.ts";
import type { Coverage } from "./coverage.ts";
import { listedCrashPoints } from "./coverage-scope.ts";
import { pointsNotAwaited } from "./coverage-shares.ts";

function row(title: string, labels: readonly string[], names: readonly string[], coverage: Coverage): string {
  const cells = labels.map((label, i) => `${names[i]} ${coverage.counts.get(label) ?? 0}`);
  return `  ${title}: ${cells.join(", ")}`;
}

/**
 * Two lines: schedules per crash point, schedules per fault kind. `crashPoints`: a service's
 * own crash points, of which those no schedule stood at (it has no such await) are named apart.
 */
export function coverageText(coverage: Coverage, crashPoints?: readonly string[]): string {
  const listed = listedCrashPoints(crashPoints);
  const notAwaited = crashPoints === undefined ? [] : pointsNotAwaited(coverage.counts, listed);
  const points = listed.filter((n) => !notAwaited.includes(n));
  return [
    row("crash points", points.map((n) => `crash-point:${n}`), points, coverage) + (notAwaited.length === 0 ? "" : `; never awaited: ${notAwaited.join(", ")}`),
    row("faults", faultKinds.map((k) => `fault:${k}`), faultKinds, coverage),
  ].join("\n");
}
