/**
 * Readable schedule lines, built only for failures and replays. Fault intents read as their
 * fault kind's module says.
 */
import { describeFaultIntent } from "../faults/catalogue.ts";
import type { Intent } from "./intent.ts";

/**
 * One intent as a short line, e.g. `crash instance 1`. `crashPoints` names the crash points
 * of the service under test, when it is not the reference runtime.
 */
export function describeIntent(intent: Intent, crashPoints?: readonly string[]): string {
  switch (intent.k) {
    case "crash":
      if (crashPoints !== undefined && intent.point !== undefined) return `crash instance ${intent.instance} once it reaches ${crashPoints[intent.point % crashPoints.length]}`;
      return describeFaultIntent(intent);
    case "produce":
      return `produce producer ${intent.producer} key ${intent.key} draw ${intent.draw}${intent.kind === undefined ? "" : ` kind ${intent.kind}`}`;
    case "retry":
      return intent.index === 0 ? `retry producer ${intent.producer}` : `retry producer ${intent.producer} pending send #${intent.index} (out of order)`;
    case "step":
      return `step instance ${intent.instance} x${intent.count}`;
    case "tick":
      return `advance time ${intent.ticks} ticks`;
    default:
      return describeFaultIntent(intent);
  }
}
