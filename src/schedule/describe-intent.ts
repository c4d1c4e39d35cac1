/**
 * Readable schedule lines, built only for failures and replays. Fault intents read as their
 * fault kind's module says; a produce intent reads as the event the processor built for it
 * (kind, key and a compact payload), built by the same function the simulation used, so the
 * line shows what ran.
 */
import { describeFaultIntent } from "../faults/catalogue.ts";
import { eventKindAt, type Processor } from "../runtime/processor.ts";
import { builtEvent } from "../runtime/processor-contract.ts";
import type { Intent } from "./intent.ts";

/** The input event a produce intent built, as a schedule line shows it. */
export interface ProducedEvent {
  /** The event's kind by name, when the intent asked for one or the payload names one of the processor's kinds. */
  readonly kind: string | undefined;
  readonly key: string;
  readonly payload: unknown;
}

/** What building a schedule's events needs from its world: the processor and the key space. */
export interface ScheduleWorkload {
  readonly processor: Processor;
  readonly keys: number;
}

/** Characters of a payload shown before it is cut with "...". */
const payloadShown = 80;

/** A payload as one short line of JSON. */
export function compactPayload(payload: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(payload) ?? String(payload);
  } catch {
    text = String(payload);
  }
  return text.length <= payloadShown ? text : `${text.slice(0, payloadShown - 3)}...`;
}

/** The kind a payload names in a `kind` or `type` field, if it is one of the processor's declared kinds. */
function kindInPayload(processor: Processor, payload: unknown): string | undefined {
  const kinds = processor.eventKinds;
  if (kinds === undefined || typeof payload !== "object" || payload === null) return undefined;
  for (const field of ["kind", "type"]) {
    const value = (payload as Record<string, unknown>)[field];
    if (typeof value === "string" && kinds.includes(value)) return value;
  }
  return undefined;
}

/**
 * The event each produce intent of `intents` builds (undefined for other intents, and for one
 * whose `makeEvent` throws). Like the simulation (`sim/interpret.ts`), the key index wraps
 * around the key space and the event time is the number of events created before it: every
 * produce intent creates one.
 */
export function producedEvents(intents: readonly Intent[], workload: ScheduleWorkload): (ProducedEvent | undefined)[] {
  let eventsCreated = 0;
  return intents.map((intent) => {
    if (intent.k !== "produce") return undefined;
    const eventTime = eventsCreated++;
    const wanted = eventKindAt(workload.processor, intent.kind);
    try {
      const event = builtEvent(workload.processor, intent.key % workload.keys, intent.draw, eventTime, wanted);
      return { kind: wanted ?? kindInPayload(workload.processor, event.payload), key: event.key, payload: event.payload };
    } catch {
      return undefined;
    }
  });
}

/**
 * One intent as a short line, e.g. `crash instance 1`. `crashPoints` names the crash points
 * of the service under test, when it is not the reference runtime: a service's aimed crash
 * aims at its point only once the service has stood there, else at another point it has
 * (`service/life.ts`), so where one landed is the history's to say. `event` is the event a
 * produce intent built (see {@link producedEvents}): with it the line reads
 * `produce checkout cart-2 {"cart":"cart-2"} (producer 0)`, without it the intent's numbers.
 */
export function describeIntent(intent: Intent, crashPoints?: readonly string[], event?: ProducedEvent): string {
  switch (intent.k) {
    case "crash":
      if (crashPoints !== undefined && intent.point !== undefined) return `crash instance ${intent.instance} once it reaches ${crashPoints[intent.point % crashPoints.length]} (else a point its service has stood at)`;
      return describeFaultIntent(intent);
    case "produce":
      if (event !== undefined) return `produce ${event.kind === undefined ? "" : `${event.kind} `}${event.key} ${compactPayload(event.payload)} (producer ${intent.producer})`;
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

/** Each intent as a line (see {@link describeIntent}), its produce intents as the events they build when `workload` is given. */
export function describeIntents(intents: readonly Intent[], crashPoints?: readonly string[], workload?: ScheduleWorkload): string[] {
  const events = workload === undefined ? [] : producedEvents(intents, workload);
  return intents.map((intent, i) => describeIntent(intent, crashPoints, events[i]));
}
