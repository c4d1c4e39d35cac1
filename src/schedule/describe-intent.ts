/**
 * Readable schedule lines, built only for failures and replays.
 */
import { crashPointNames } from "../runtime/task-phase.ts";
import type { Intent } from "./intent.ts";

const targets = ["input", "changelog", "output"];

/** One intent as a short line, e.g. `crash instance 1`. */
export function describeIntent(intent: Intent): string {
  switch (intent.k) {
    case "produce":
      return `produce producer ${intent.producer} key ${intent.key} draw ${intent.draw}${intent.kind === undefined ? "" : ` kind ${intent.kind}`}`;
    case "retry":
      return intent.index === 0 ? `retry producer ${intent.producer}` : `retry producer ${intent.producer} pending send #${intent.index} (out of order)`;
    case "step":
      return `step instance ${intent.instance} x${intent.count}`;
    case "tick":
      return `advance time ${intent.ticks} ticks`;
    case "lost-ack":
      return `lose the ACK of the next ${targets[intent.target]} send`;
    case "lost-request":
      return `lose the next ${targets[intent.target]} request before it is appended`;
    case "ambiguous-error":
      return `append the next ${targets[intent.target]} send but answer with an error`;
    case "crash":
      return intent.point === undefined ? `crash instance ${intent.instance}` : `crash instance ${intent.instance} once it reaches ${crashPointNames[intent.point % crashPointNames.length]}`;
    case "restart":
      return `restart instance ${intent.instance}`;
    case "wipe":
      return `wipe the disk of instance ${intent.instance}`;
    case "join":
      return `join instance ${intent.instance}`;
    case "leave":
      return `leave instance ${intent.instance}`;
    case "pause":
      return `pause instance ${intent.instance}`;
    case "resume":
      return `resume instance ${intent.instance}`;
    case "compact":
      return `compact changelog partition ${intent.partition}`;
    case "truncate":
      return `truncate input partition ${intent.partition} up to its committed offset`;
    case "republish":
      return `upstream re-publishes producer ${intent.producer}'s event from ${intent.distance} events back`;
  }
}
