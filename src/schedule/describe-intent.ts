/**
 * Readable schedule lines, built only for failures and replays.
 */
import type { Intent } from "./intent.ts";

const targets = ["input", "changelog", "output"];

/** One intent as a short line, e.g. `crash instance 1`. */
export function describeIntent(intent: Intent): string {
  switch (intent.k) {
    case "produce":
      return `produce producer ${intent.producer} key ${intent.key} draw ${intent.draw}`;
    case "retry":
      return `retry producer ${intent.producer}`;
    case "step":
      return `step instance ${intent.instance} x${intent.count}`;
    case "lost-ack":
      return `lose the ACK of the next ${targets[intent.target]} send`;
    case "crash":
      return `crash instance ${intent.instance}`;
    case "restart":
      return `restart instance ${intent.instance}`;
    case "join":
      return `join instance ${intent.instance}`;
    case "leave":
      return `leave instance ${intent.instance}`;
    case "compact":
      return `compact changelog partition ${intent.partition}`;
  }
}
